/// Decodes one level of the HTML entities of a paste copied from a web page or an HTML mail;
/// `HTMLLayers` decides where, and how many times.
///
/// Only whole entities are decoded: a name from a short list or a number, between `&` and
/// `;`. A string to sign is full of `&`, so `&timestamp=` stays as it is, and so does
/// `&times` without its semicolon.
///
/// ```
/// String to sign - &#39;public_id=a&amp;timestamp=1&#39;.
/// ```
/// becomes `String to sign - 'public_id=a&timestamp=1'.`
enum HTMLEntities {
  /// The named entities a page uses to escape the characters of an error message.
  private static let names: [(name: [UInt8], scalar: Unicode.Scalar)] = [
    (Array("amp".utf8), "&"), (Array("lt".utf8), "<"), (Array("gt".utf8), ">"),
    (Array("quot".utf8), "\""), (Array("apos".utf8), "'"), (Array("nbsp".utf8), "\u{A0}"),
  ]

  /// The view with its entities decoded once, or `nil` when `text` holds no entity; each
  /// decoded character has the origin of its `&`.
  static func decode(_ text: DecodedText) -> DecodedText? {
    text.replacingSpans(startingWith: UInt8(ascii: "&")) { found in
      entity(in: text, at: found).map { ($1, Array(String($0).utf8)) }
    }
  }

  /// The character a whole entity at `index` (an `&`) stands for, and the entity's length.
  static func entity(in text: DecodedText, at index: Int) -> (Unicode.Scalar, Int)? {
    body(in: text, at: index + 1).map { ($0.scalar, $0.end + 1 - index) }
  }

  /// The character an entity's body at `index`, the byte after its `&`, stands for, and
  /// the index of the `;` that ends it.
  static func body(in text: DecodedText, at index: Int) -> (scalar: Unicode.Scalar, end: Int)? {
    var end = index
    while end < text.count, end - index < 9, text[end] != UInt8(ascii: ";") { end += 1 }
    guard end < text.count, text[end] == UInt8(ascii: ";"), end > index else { return nil }
    let body = Array(text.bytes[index..<end])
    if body[0] == UInt8(ascii: "#") {
      return number(Array(body.dropFirst())).map { ($0, end) }
    }
    return names.first { $0.name == body }.map { ($0.scalar, end) }
  }

  /// The character of a numeric entity's digits: decimal, or hexadecimal after `x`.
  private static func number(_ digits: [UInt8]) -> Unicode.Scalar? {
    var digits = digits
    var radix = 10
    if let first = digits.first, first | 0x20 == UInt8(ascii: "x") {
      digits.removeFirst()
      radix = 16
    }
    // NB: `UInt32(_:radix:)` accepts a sign, which an entity may not have.
    guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy(TextScan.isHexDigit),
      let value = UInt32(String(decoding: digits, as: UTF8.self), radix: radix),
      value != 0, let scalar = Unicode.Scalar(value)
    else { return nil }
    return scalar
  }
}
