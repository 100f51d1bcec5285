/// Base64 encoding and decoding in the two alphabets signatures use.
public enum Base64 {
  /// Which characters stand for the values 62 and 63, and whether output is padded.
  public enum Alphabet: Sendable {
    /// `+` and `/`, padded with `=`.
    case standard
    /// `-` and `_`, unpadded.
    case urlSafe
  }

  /// Encodes bytes.
  public static func encode(_ bytes: [UInt8], alphabet: Alphabet) -> String {
    let table = alphabet == .standard ? standardTable : urlSafeTable
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let chunk =
        UInt32(bytes[index]) << 16
        | (remaining > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
        | (remaining > 2 ? UInt32(bytes[index + 2]) : 0)
      let produced = min(remaining, 3) + 1
      for position in 0..<produced {
        output.append(table[Int(chunk >> UInt32(18 - 6 * position) & 0x3F)])
      }
      if alphabet == .standard {
        output.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 4 - produced))
      }
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes text in either alphabet, with or without padding; `nil` for anything else.
  public static func decode(_ text: some StringProtocol) -> [UInt8]? {
    var characters = Array(text.utf8)
    while characters.last == UInt8(ascii: "=") { characters.removeLast() }
    guard characters.count % 4 != 1 else { return nil }
    var bytes: [UInt8] = []
    var accumulator: UInt32 = 0
    var bits = 0
    for character in characters {
      guard let value = sextet(of: character) else { return nil }
      accumulator = accumulator << 6 | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return bytes
  }
}

private extension Base64 {
  static let standardTable = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  static let urlSafeTable = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  static func sextet(of character: UInt8) -> UInt32? {
    switch character {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
    case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
    case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
    case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
    default: nil
    }
  }
}
