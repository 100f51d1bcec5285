/// Reads the output of PHP's `print_r`.
///
/// ```
/// Array
/// (
///     [folder] => avatars
///     [tags] => Array
///         (
///             [0] => a
///         )
///
/// )
/// ```
/// becomes `.map([folder: .string("avatars"), tags: .list([.string("a")])])`.
///
/// `print_r` writes every scalar as bare text (`true` as `1`, `false` and `null` as
/// nothing), so values are kept as strings. A value runs up to the next line that starts a
/// member (`[key] =>`) or closes an array (`)` alone on its line), so a string may span
/// lines and keeps a final line break. A string holding such a line, or a key holding `]`,
/// cannot be read back. The same output flattened onto one line, as a browser shows it
/// (`Array ( [folder] => avatars )`), is read too: a value then ends before ` [key] =>` or
/// ` )`. `ClassName Object` headers are read like `Array`.
struct PHPPrintRReader {
  /// Where a member's key and value stand.
  fileprivate struct Member {
    let key: Range<Int>
    let valueStart: Int
  }

  private var cursor: ByteCursor
  private let maximumDepth: Int
  /// Whether the output was flattened onto one line.
  private var isFlat = false
  private var closingBrackets = NextByteIndex(UInt8(ascii: "]"))
  private var lineFeeds = NextByteIndex(0x0A)

  /// Reads the array that fills `range`.
  ///
  /// - Throws: `LiteralFailure` where the text stops looking like `print_r` output, or
  ///   where arrays nest deeper than `maximumDepth`.
  static func value(
    of bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    maximumDepth: Int
  ) throws(LiteralFailure) -> ParameterValue {
    var reader = PHPPrintRReader(
      cursor: ByteCursor(bytes, range: range), maximumDepth: maximumDepth)
    reader.cursor.skipWhitespace()
    let value = try reader.readArray(depth: 1)
    try reader.cursor.expectEnd(after: "the array's closing ')'")
    return value
  }

  /// Whether `range` starts with a `print_r` header: `Array` or `Name Object`, then `(`.
  static func startsArray(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
    let reader = PHPPrintRReader(cursor: ByteCursor(bytes, range: range), maximumDepth: 0)
    return reader.headerEnd(at: range.lowerBound) != nil
  }
}

private extension PHPPrintRReader {
  mutating func readArray(depth: Int) throws(LiteralFailure) -> ParameterValue {
    let start = cursor.position
    guard depth <= maximumDepth else {
      throw LiteralFailure(offset: start, problem: .tooDeep(limit: maximumDepth))
    }
    guard let bodyStart = headerEnd(at: start) else {
      guard cursor.consume("Array") else {
        throw cursor.failure(
          "expected 'Array (' to start print_r output, found " + cursor.describe(at: start))
      }
      cursor.skipWhitespace()
      throw cursor.failure(
        "expected '(' after 'Array', found \(cursor.describe(at: cursor.position))")
    }
    cursor.position = bodyStart
    if depth == 1 {
      cursor.skipSpaces()
      isFlat = !(cursor.peek() == 0x0A || cursor.peek() == 0x0D)
    }

    var builder = PHPArrayBuilder()
    while true {
      cursor.skipWhitespace()
      if cursor.peek() == UInt8(ascii: ")") {
        cursor.position += 1
        return builder.value
      }
      guard let member = member(at: cursor.position) else {
        let opening = SourceLocation(ofByte: start, in: cursor.bytes)
        throw cursor.failure(
          "expected a member such as '[folder] => avatars' or the ')' that "
            + "closes the array at \(opening), found \(cursor.describe(at: cursor.position))")
      }
      cursor.position = member.valueStart
      let value: ParameterValue
      var valueStart = cursor.position
      cursor.skipSpaces()
      if headerEnd(at: cursor.position) != nil {
        valueStart = cursor.position
        value = try readArray(depth: depth + 1)
      } else {
        // NB: print_r writes one space after `=>`; any other space belongs to the value.
        cursor.position = valueStart
        if cursor.peek() == UInt8(ascii: " ") { cursor.position += 1 }
        valueStart = cursor.position
        value = .string(cursor.text(readScalar()))
      }
      builder.append(
        key: cursor.text(member.key),
        keySpan: member.key,
        value: value,
        valueSpan: valueStart..<max(cursor.position, valueStart))
    }
  }

  /// The offset just past the `(` of a header at `offset`: `Array` or `Name Object`, white
  /// space, then `(`.
  func headerEnd(at offset: Int) -> Int? {
    var index = offset
    if cursor.hasPrefix("Array", at: index) {
      index += 5
    } else {
      while index < cursor.end,
        ByteCursor.isIdentifierByte(cursor.bytes[index])
          || cursor.bytes[index] == UInt8(ascii: "\\")
      {
        index += 1
      }
      guard index > offset, cursor.hasPrefix(" Object", at: index) else { return nil }
      index += 7
    }
    while index < cursor.end, ByteCursor.isWhitespace(cursor.bytes[index]) { index += 1 }
    guard index < cursor.end, cursor.bytes[index] == UInt8(ascii: "(") else { return nil }
    return index + 1
  }

  /// The member that starts at `offset`: `[key]`, spaces, `=>`, all on one line.
  mutating func member(at offset: Int) -> Member? {
    guard offset < cursor.end, cursor.bytes[offset] == UInt8(ascii: "[") else { return nil }
    let close = closingBrackets.next(from: offset + 1, in: cursor)
    guard close < cursor.end, close < lineFeeds.next(from: offset + 1, in: cursor) else {
      return nil
    }
    var index = close + 1
    while index < cursor.end, cursor.bytes[index] == 0x20 || cursor.bytes[index] == 0x09 {
      index += 1
    }
    guard cursor.hasPrefix("=>", at: index) else { return nil }
    return Member(key: offset + 1..<close, valueStart: index + 2)
  }

  /// Whether a closing `)` stands at `offset` with nothing after it on its line (or, when
  /// flat, before the next white space).
  func closesArray(at offset: Int) -> Bool {
    guard offset < cursor.end, cursor.bytes[offset] == UInt8(ascii: ")") else { return false }
    var index = offset + 1
    if isFlat { return index >= cursor.end || ByteCursor.isWhitespace(cursor.bytes[index]) }
    while index < cursor.end, cursor.bytes[index] != 0x0A {
      let byte = cursor.bytes[index]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { return false }
      index += 1
    }
    return true
  }

  /// Whether a member or a closing `)` starts at `offset`, after white space.
  mutating func isBoundary(at offset: Int) -> Bool {
    offset >= cursor.end || member(at: offset) != nil || closesArray(at: offset)
  }

  /// Reads a scalar up to the next member or closing `)`, and returns where it stood.
  mutating func readScalar() -> Range<Int> {
    let start = cursor.position
    if isFlat {
      if member(at: start) != nil || closesArray(at: start) { return start..<start }
      var index = start
      while index < cursor.end {
        guard ByteCursor.isWhitespace(cursor.bytes[index]) else {
          index += 1
          continue
        }
        var next = index
        while next < cursor.end, ByteCursor.isWhitespace(cursor.bytes[next]) { next += 1 }
        if isBoundary(at: next) {
          cursor.position = index
          return start..<index
        }
        index = next
      }
      cursor.position = cursor.end
      return start..<cursor.end
    }

    var lineEnd = start
    while true {
      lineEnd = lineFeeds.next(from: lineEnd, in: cursor)
      var next = lineEnd + 1
      while next < cursor.end, cursor.bytes[next] == 0x20 || cursor.bytes[next] == 0x09 {
        next += 1
      }
      if lineEnd >= cursor.end || isBoundary(at: next) {
        cursor.position = min(lineEnd, cursor.end)
        let hasReturn = cursor.position > start && cursor.bytes[cursor.position - 1] == 0x0D
        return start..<cursor.position - (hasReturn ? 1 : 0)
      }
      lineEnd += 1
    }
  }
}

/// The next offset of one byte, remembered so that searches moving forward through the
/// input read each byte once.
private struct NextByteIndex {
  private let byte: UInt8
  private var searchedFrom = Int.max
  private var found = 0

  init(_ byte: UInt8) {
    self.byte = byte
  }

  /// The offset of the first `byte` at or after `offset`, or the cursor's end.
  mutating func next(from offset: Int, in cursor: ByteCursor) -> Int {
    // NB: nothing lies between `searchedFrom` and `found`, so a later search that starts in
    // that stretch has the same answer.
    if searchedFrom <= offset, offset <= found { return found }
    searchedFrom = offset
    found = cursor.firstIndex(of: byte, from: offset) ?? cursor.end
    return found
  }
}
