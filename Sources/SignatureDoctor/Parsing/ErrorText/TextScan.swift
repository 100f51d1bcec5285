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
