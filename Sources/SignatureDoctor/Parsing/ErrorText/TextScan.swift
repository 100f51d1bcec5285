/// Byte classes and bounded walks over a view, shared by the error-text readers.
///
/// Every walk that moves backward takes a lower bound and a step limit, so that a reader
/// looking around each of many messages on one enormous line stays linear.
enum TextScan {
  /// A set of ASCII bytes, given as the characters of a string, that answers membership
  /// with one lookup.
  struct ByteSet: Sendable {
    /// For each byte value, whether it is in the set.
    private let members: [Bool]

    /// The set of the bytes of `characters`.
    init(_ characters: String) {
      var members = Array(repeating: false, count: 256)
      for byte in characters.utf8 { members[Int(byte)] = true }
      self.members = members
    }

    /// Whether `byte` is in the set.
    func contains(_ byte: UInt8) -> Bool { members[Int(byte)] }
  }

  /// How far back a reader looks for the start of a line or a key before giving up.
  static let lookBehind = 4096

  /// A space or a tab.
  static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09
  }

  /// A carriage return or a line feed.
  static func isLineBreak(_ byte: UInt8) -> Bool {
    byte == 0x0A || byte == 0x0D
  }

  /// White space: blanks, line breaks and form feeds.
  static func isSpace(_ byte: UInt8) -> Bool {
    isBlank(byte) || isLineBreak(byte) || byte == 0x0C
  }

  /// An ASCII digit.
  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// An ASCII hexadecimal digit.
  static func isHexDigit(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return isDigit(byte) || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
  }

  /// An ASCII letter.
  static func isLetter(_ byte: UInt8) -> Bool {
    let lower = byte | 0x20
    return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
  }

  /// An ASCII letter, digit or underscore: a byte that continues a word or a number.
  static func isWordByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
  }

  /// The byte in lower case, when it is an ASCII capital.
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
  }

  /// The index of the first line break at or after `index`, or the end of the view.
  static func lineEnd(in view: DecodedText, from index: Int) -> Int {
    var position = max(index, 0)
    while position < view.count, !isLineBreak(view[position]) { position += 1 }
    return position
  }

  /// The index where the line holding `index` starts, looking back no further than
  /// `lowerBound` and `limit` bytes; the bound is returned when it is reached first.
  static func lineStart(
    in view: DecodedText, before index: Int, lowerBound: Int = 0, limit: Int = lookBehind
  ) -> Int {
    let bound = max(lowerBound, index - limit, 0)
    var position = max(min(index, view.count), 0)
    while position > bound, !isLineBreak(view[position - 1]) { position -= 1 }
    return position
  }

  /// Whether the `>` at `index` is a mail quote marker: only blanks and other markers
  /// stand between it and the start of its line.
  static func isQuoteMarker(in view: DecodedText, at index: Int) -> Bool {
    guard view.byte(at: index) == UInt8(ascii: ">") else { return false }
    var position = index
    while position > 0, index - position < 32 {
      let byte = view[position - 1]
      if isLineBreak(byte) { return true }
      guard isBlank(byte) || byte == UInt8(ascii: ">") else { return false }
      position -= 1
    }
    return position == 0
  }

  /// How far back a mail quote marker is looked for: quoted mail lines are short.
  static let quotedLineReach = 512

  /// Whether the line holding `index` starts with a mail quote marker.
  static func isQuotedLine(in view: DecodedText, at index: Int) -> Bool {
    var position = lineStart(in: view, before: index, limit: quotedLineReach)
    guard position == 0 || isLineBreak(view[position - 1]) else { return false }
    while position < view.count, isBlank(view[position]) { position += 1 }
    return view.byte(at: position) == UInt8(ascii: ">")
  }

  /// The index just after the last byte before `index` that is not white space or a mail
  /// quote marker, stopping at `lowerBound`.
  static func skipSpaceBackward(in view: DecodedText, from index: Int, lowerBound: Int) -> Int {
    var position = index
    let bound = max(lowerBound, index - lookBehind, 0)
    while position > bound {
      let byte = view[position - 1]
      guard isSpace(byte) || isQuoteMarker(in: view, at: position - 1) else { break }
      position -= 1
    }
    return position
  }

  /// The length of the blank that starts at `index`, before `end`: 1 for a space or a tab,
  /// the length of its UTF-8 bytes for another space of Unicode's class Zs (U+00A0, U+1680,
  /// U+2000 to U+200A, U+202F, U+205F, U+3000), and 0 for anything else.
  ///
  /// Text copied from a web page or a word processor puts no-break spaces between words;
  /// the grammar accepts them where it accepts a space, never inside what a message carries.
  static func blankLength(in view: DecodedText, at index: Int, end: Int) -> Int {
    guard index < end, let first = view.byte(at: index) else { return 0 }
    if isBlank(first) { return 1 }
    guard first >= 0xC2, first <= 0xE3, let second = view.byte(at: index + 1) else { return 0 }
    if first == 0xC2 { return second == 0xA0 && index + 2 <= end ? 2 : 0 }
    guard index + 3 <= end, let third = view.byte(at: index + 2) else { return 0 }
    return isWideSpace(first, second, third) ? 3 : 0
  }

  /// The length of the blank, as `blankLength` counts them, that ends just before `index`,
  /// looking no further back than `lowerBound`.
  static func blankLength(in view: DecodedText, endingAt index: Int, lowerBound: Int) -> Int {
    guard index > lowerBound, let last = view.byte(at: index - 1) else { return 0 }
    if isBlank(last) { return 1 }
    if last == 0xA0, index - 2 >= lowerBound, view.byte(at: index - 2) == 0xC2 { return 2 }
    guard index - 3 >= lowerBound, let first = view.byte(at: index - 3),
      let second = view.byte(at: index - 2)
    else { return 0 }
    return isWideSpace(first, second, last) ? 3 : 0
  }

  /// Whether three UTF-8 bytes spell a space of class Zs: U+1680, U+2000 to U+200A, U+202F,
  /// U+205F or U+3000.
  private static func isWideSpace(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
    switch (first, second) {
    case (0xE1, 0x9A): third == 0x80
    case (0xE2, 0x80): (0x80...0x8A).contains(third) || third == 0xAF
    case (0xE2, 0x81): third == 0x9F
    case (0xE3, 0x80): third == 0x80
    default: false
    }
  }

  /// The first index at or after `index`, before `end`, that starts no blank of any kind
  /// `blankLength` knows.
  static func skipUnicodeBlanks(in view: DecodedText, from index: Int, to end: Int) -> Int {
    var position = index
    while case let length = blankLength(in: view, at: position, end: end), length > 0 {
      position += length
    }
    return position
  }

  /// `range` without white space, Unicode spaces included, at either end.
  static func trimmedUnicode(_ range: Range<Int>, in view: DecodedText) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper {
      let length = isSpace(view[lower]) ? 1 : blankLength(in: view, at: lower, end: upper)
      guard length > 0 else { break }
      lower += length
    }
    while upper > lower {
      let length =
        isSpace(view[upper - 1]) ? 1 : blankLength(in: view, endingAt: upper, lowerBound: lower)
      guard length > 0 else { break }
      upper -= length
    }
    return lower..<upper
  }

  /// The first index at or after `index`, before `end`, that is not a blank.
  static func skipBlanks(in view: DecodedText, from index: Int, to end: Int) -> Int {
    var position = index
    while position < end, isBlank(view[position]) { position += 1 }
    return position
  }

  /// `range` without the white space at either end.
  static func trimmed(_ range: Range<Int>, in view: DecodedText) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, isSpace(view[lower]) { lower += 1 }
    while upper > lower, isSpace(view[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// Whether `range` holds an ASCII letter or digit.
  static func containsWord(_ range: Range<Int>, in view: DecodedText) -> Bool {
    range.contains { isLetter(view[$0]) || isDigit(view[$0]) }
  }

  /// Whether the bytes at `index` spell `word`, ignoring ASCII case.
  static func hasWord(_ word: [UInt8], in view: DecodedText, at index: Int) -> Bool {
    guard index >= 0, index + word.count <= view.count else { return false }
    for offset in word.indices where lowercased(view[index + offset]) != word[offset] {
      return false
    }
    return true
  }
}
