/// The output of a hash function, with the encodings signatures travel in.
public struct Digest: Hashable, Sendable {
  /// The raw digest.
  public let bytes: [UInt8]

  /// Wraps raw digest bytes.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Reads hexadecimal digits in either case; `nil` unless every character is a digit.
  public init?(hex: some StringProtocol) {
    let digits = Array(hex.utf8)
    guard digits.count.isMultiple(of: 2) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    self.bytes = bytes
  }

  /// Lower-case hexadecimal, as every Cloudinary SDK writes a signature.
  public var hex: String { Self.hexString(bytes, alphabet: Self.lowerHexDigits) }

  /// Appends the lower-case hexadecimal digits to `output`.
  public func appendHex(to output: inout [UInt8]) {
    let start = output.count
    output.append(contentsOf: repeatElement(0, count: bytes.count * 2))
    output.withUnsafeMutableBufferPointer { buffer in
      for (index, byte) in bytes.enumerated() {
        buffer[start + 2 * index] = Self.lowerHexDigits[Int(byte >> 4)]
        buffer[start + 2 * index + 1] = Self.lowerHexDigits[Int(byte & 0x0F)]
      }
    }
  }

  /// Upper-case hexadecimal, as some hand-written signers produce.
  public var upperHex: String { Self.hexString(bytes, alphabet: Self.upperHexDigits) }

  /// Standard base64 with padding.
  public var base64: String { Base64.encode(bytes, alphabet: .standard) }

  /// URL-safe base64 without padding, as in signed delivery URLs.
  public var base64URL: String { Base64.encode(bytes, alphabet: .urlSafe) }
}

extension Digest: CustomStringConvertible {
  public var description: String { hex }
}

private extension Digest {
  static let lowerHexDigits = Array("0123456789abcdef".utf8)
  static let upperHexDigits = Array("0123456789ABCDEF".utf8)

  static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  static func hexString(_ bytes: [UInt8], alphabet: [UInt8]) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
      for (index, byte) in bytes.enumerated() {
        buffer[2 * index] = alphabet[Int(byte >> 4)]
        buffer[2 * index + 1] = alphabet[Int(byte & 0x0F)]
      }
      return bytes.count * 2
    }
  }
}
