/// Percent-encoding as URLs and form bodies use it.
public enum PercentEncoding {
  /// Whether a byte is left as it is by every encoder: letters, digits, `-`, `.`, `_`, `~`.
  public static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      true
    default:
      false
    }
  }

  /// Decodes `%XX` sequences, and `+` as a space when `plusIsSpace` is set (form bodies).
  /// A `%` not followed by two hex digits stays as it is. `nil` when the decoded bytes are
  /// not UTF-8.
  public static func decode(_ text: String, plusIsSpace: Bool) -> String? {
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
        let pair = Digest(hex: String(decoding: bytes[index + 1...index + 2], as: UTF8.self))
      {
        output.append(pair.bytes[0])
        index += 3
      } else {
        output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
        index += 1
      }
    }
    return String(validating: output, as: UTF8.self)
  }

  /// Encodes every byte but the unreserved ones, with upper-case hex, as JavaScript's
  /// `encodeURIComponent` does apart from `!'()*`; with `spaceAsPlus`, a space becomes `+`
  /// as in PHP's `urlencode` and HTML forms.
  public static func encode(
    _ text: String,
    spaceAsPlus: Bool = false,
    keeping kept: Set<UInt8> = []
  ) -> String {
    var output: [UInt8] = []
    let digits = Array("0123456789ABCDEF".utf8)
    for byte in text.utf8 {
      if isUnreserved(byte) || kept.contains(byte) {
        output.append(byte)
      } else if spaceAsPlus, byte == UInt8(ascii: " ") {
        output.append(UInt8(ascii: "+"))
      } else {
        output += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}
