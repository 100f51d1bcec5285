/// A read position in UTF-8 bytes, with the small steps that the PHP and form readers share.
///
/// The cursor never reads past `end`, so a reader can work on one part of a larger input
/// and still report offsets into the whole of it.
struct ByteCursor {
  /// The whole input.
  let bytes: UnsafeBufferPointer<UInt8>
  /// One past the last byte this cursor reads.
  let end: Int
  /// The offset of the next unread byte.
  var position: Int

  /// Prepares to read `bytes[range]`.
  init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
    self.bytes = bytes
    self.end = min(range.upperBound, bytes.count)
    self.position = range.lowerBound
  }

  /// Whether every byte has been read.
  var isAtEnd: Bool { position >= end }

  /// The byte `ahead` places after the position, or `nil` past the end.
  func peek(_ ahead: Int = 0) -> UInt8? {
    let index = position + ahead
    return index < end ? bytes[index] : nil
  }

  /// Skips spaces and tabs.
  mutating func skipSpaces() {
    while let byte = peek(), byte == 0x20 || byte == 0x09 { position += 1 }
  }

  /// Skips spaces, tabs and line breaks.
  mutating func skipWhitespace() {
    while let byte = peek(), Self.isWhitespace(byte) { position += 1 }
  }

  /// Whether the unread bytes start with `literal`.
  func hasPrefix(_ literal: String, at offset: Int? = nil) -> Bool {
    var index = offset ?? position
    for byte in literal.utf8 {
      guard index < end, bytes[index] == byte else { return false }
      index += 1
    }
    return true
  }

  /// Reads `literal` if the unread bytes start with it.
  mutating func consume(_ literal: String) -> Bool {
    guard hasPrefix(literal) else { return false }
    position += literal.utf8.count
    return true
  }

  /// Reads `literal`, or fails saying that it was expected, then `context`.
  ///
  /// - Throws: `LiteralFailure` at the position when the bytes differ.
  mutating func expect(_ literal: String, _ context: String) throws(LiteralFailure) {
    guard consume(literal) else {
      throw failure("expected '\(literal)' \(context), found \(describe(at: position))")
    }
  }

  /// Skips white space, then fails unless the end has been reached.
  ///
  /// - Throws: `LiteralFailure` at the first byte left, naming `what` it follows.
  mutating func expectEnd(after what: String) throws(LiteralFailure) {
    skipWhitespace()
    guard isAtEnd else {
      throw failure("expected nothing after \(what), found \(describe(at: position))")
    }
  }

  /// Reads a run of ASCII digits and returns where it stood; empty when there is none.
  mutating func readDigits() -> Range<Int> {
    let start = position
    while let byte = peek(), Self.isDigit(byte) { position += 1 }
    return start..<position
  }

  /// The offset of the first `byte` at or after `offset` and before `limit`.
  func firstIndex(of byte: UInt8, from offset: Int, before limit: Int? = nil) -> Int? {
    var index = offset
    let limit = min(limit ?? end, end)
    while index < limit {
      if bytes[index] == byte { return index }
      index += 1
    }
    return nil
  }

  /// The offset of the first `byte` at or after `offset` on the same line: `nil` when a
  /// line feed or the end comes first.
  ///
  /// It reads only up to what it finds, so a reader that calls it for every member of a
  /// text flattened onto one line stays linear, as it would not by finding the line's end
  /// first.
  func firstIndexOnLine(of byte: UInt8, from offset: Int) -> Int? {
    var index = offset
    while index < end {
      let found = bytes[index]
      if found == byte { return index }
      if found == 0x0A { return nil }
      index += 1
    }
    return nil
  }

  /// The text of `range`.
  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// A syntax failure at the position.
  func failure(_ message: String) -> LiteralFailure {
    .syntax(message, at: min(position, end))
  }

  /// Names what stands at `offset` for a message: a quoted character, a line break or the
  /// end of the input.
  func describe(at offset: Int) -> String {
    guard offset < end else { return "the end of the input" }
    let byte = bytes[offset]
    if byte == 0x0A || byte == 0x0D { return "a line break" }
    var next = offset + 1
    while next < end, bytes[next] & 0xC0 == 0x80 { next += 1 }
    let character = text(offset..<next)
    return character == "'" ? "\"'\"" : "'\(character)'"
  }

  /// Whether `byte` is a space, tab, line feed or carriage return.
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// Whether `byte` is an ASCII digit.
  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// The value of a hexadecimal digit, in either case.
  static func hexValue(_ byte: UInt8) -> UInt8? {
    if isDigit(byte) { return byte - UInt8(ascii: "0") }
    let lower = byte | 0x20
    guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") else { return nil }
    return lower - UInt8(ascii: "a") + 10
  }

  /// Whether `byte` is an ASCII letter.
  static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
  }

  /// Whether `byte` can be part of an identifier: a letter, a digit, `_`, `$` or a byte of
  /// a non-ASCII character.
  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
      || byte >= 0x80
  }
}
