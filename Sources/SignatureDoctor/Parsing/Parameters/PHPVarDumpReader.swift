/// Reads the output of PHP's `var_dump`.
///
/// ```
/// array(3) {
///   ["folder"]=>
///   string(7) "avatars"
///   ["n"]=>
///   int(5)
///   ["x"]=>
///   NULL
/// }
/// ```
/// becomes `.map([folder: .string("avatars"), n: .number("5"), x: .null(spelling: "NULL")])`.
///
/// `string(N)` gives the string's length in bytes, and the reader takes exactly that many,
/// so a string holding quotes or line breaks reads right. When the byte after them is not
/// a closing quote, one that ends its line (the paste lost or gained bytes, such as line
/// breaks turned into `\r\n`, and a quote inside the string may stand there), the string
/// runs to the first quote that ends a line instead, and a note says so. The same dump
/// flattened onto one line is read too: a closing quote is then followed by the next key
/// or the closing `}`. `int`, `float`, `bool` and `NULL` keep their text;
/// `object(Name)#1 (2) {` reads as a map whose property names lose their `:protected` or
/// `:"Class":private` suffix. Keys must not hold a line break.
struct PHPVarDumpReader {
  private var cursor: ByteCursor
  private let maximumDepth: Int
  /// Where the first string whose length did not fit starts, its length as given and as
  /// read, and how many more did not fit.
  private var misfit: (offset: Int, given: Int, read: Int)?
  private var moreMisfits = 0
  /// Whether the dump was flattened onto one line (`array(1) { ["a"]=> string(1) "x" }`),
  /// as a browser or a log shows it.
  private var isFlat = false

  /// Reads the value that fills `range`, and the notes made on the way.
  ///
  /// - Throws: `LiteralFailure` where the text stops looking like `var_dump` output, or
  ///   where arrays nest deeper than `maximumDepth`.
  static func value(
    of bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    maximumDepth: Int
  ) throws(LiteralFailure) -> (value: ParameterValue, notes: [String]) {
    var reader = PHPVarDumpReader(
      cursor: ByteCursor(bytes, range: range), maximumDepth: maximumDepth)
    reader.cursor.skipWhitespace()
    let value = try reader.readValue(depth: 0)
    try reader.cursor.expectEnd(after: "the closing '}'")
    return (value, reader.notes)
  }

  /// A remark on strings whose length did not fit, if any.
  private var notes: [String] {
    guard let misfit else { return [] }
    let location = SourceLocation(ofByte: misfit.offset, in: cursor.bytes)
    let others = moreMisfits == 0 ? "" : " (and \(moreMisfits) more strings like it)"
    let quote = isFlat ? "the quote before the next key" : "the quote that ends its line"
    return [
      "string(\(misfit.given)) at \(location) holds \(misfit.read) bytes, not \(misfit.given); "
        + "it was read up to \(quote)\(others)"
    ]
  }
}

private extension PHPVarDumpReader {
  mutating func readValue(depth: Int) throws(LiteralFailure) -> ParameterValue {
    let start = cursor.position
    if cursor.consume("array(") {
      _ = cursor.readDigits()
      try cursor.expect(")", "after the element count of 'array('")
      return try readMembers(depth: depth + 1, start: start)
    }
    if cursor.consume("object(") {
      guard let close = cursor.firstIndexOnLine(of: UInt8(ascii: ")"), from: cursor.position) else {
        throw cursor.failure("expected ')' after the class name of 'object('")
      }
      cursor.position = close + 1
      if cursor.consume("#") { _ = cursor.readDigits() }
      cursor.skipSpaces()
      try cursor.expect("(", "before the property count of an object")
      _ = cursor.readDigits()
      try cursor.expect(")", "after the property count of an object")
      return try readMembers(depth: depth + 1, start: start)
    }
    if cursor.consume("string(") { return .string(try readString(start: start)) }
    if cursor.consume("int(") { return .number(try readNumber(kind: "int")) }
    if cursor.consume("float(") { return .number(try readNumber(kind: "float")) }
    if cursor.consume("bool(") {
      let spelling = cursor.consume("true") ? "true" : cursor.consume("false") ? "false" : ""
      guard !spelling.isEmpty else {
        throw cursor.failure(
          "expected 'true' or 'false' after 'bool(', found \(cursor.describe(at: cursor.position))")
      }
      try cursor.expect(")", "after bool(\(spelling)")
      return .boolean(spelling == "true", spelling: spelling)
    }
    if cursor.consume("NULL") { return .null(spelling: "NULL") }
    throw cursor.failure(
      "expected a var_dump value such as 'string(7) \"avatars\"', 'int(5)', "
        + "'bool(true)', 'NULL' or 'array(1) {', found \(cursor.describe(at: start))")
  }

  /// Reads `{`, the `[key]=>` value pairs, and `}`.
  mutating func readMembers(depth: Int, start: Int) throws(LiteralFailure) -> ParameterValue {
    guard depth <= maximumDepth else {
      throw LiteralFailure(offset: start, problem: .tooDeep(limit: maximumDepth))
    }
    cursor.skipSpaces()
    try cursor.expect("{", "after the array's element count")
    if depth == 1 {
      var next = cursor
      next.skipSpaces()
      isFlat = !(next.peek() == 0x0A || next.peek() == 0x0D)
    }
    var builder = PHPArrayBuilder()
    while true {
      cursor.skipWhitespace()
      if cursor.consume("}") { return builder.value }
      guard cursor.peek() == UInt8(ascii: "[") else {
        throw cursor.failure(
          "expected a key such as '[\"folder\"]=>' or '}', found "
            + cursor.describe(at: cursor.position))
      }
      let (key, keySpan) = try readKey()
      cursor.skipWhitespace()
      let valueStart = cursor.position
      let value = try readValue(depth: depth)
      builder.append(
        key: key, keySpan: keySpan, value: value, valueSpan: valueStart..<cursor.position)
    }
  }

  /// Reads `["name"]=>`, `["name":protected]=>` or `[0]=>`.
  mutating func readKey() throws(LiteralFailure) -> (String, Range<Int>) {
    let open = cursor.position
    var close = open
    repeat {
      guard let bracket = cursor.firstIndexOnLine(of: UInt8(ascii: "]"), from: close + 1) else {
        throw cursor.failure("expected ']=>' after the key on this line")
      }
      close = bracket
    } while !cursor.hasPrefix("]=>", at: close)
    cursor.position = close + 3
    let raw = open + 1..<close
    let span = open + 1..<close
    if cursor.bytes[raw.lowerBound] != UInt8(ascii: "\"") {
      var digits = ByteCursor(cursor.bytes, range: raw)
      _ = digits.consume("-")
      guard !digits.readDigits().isEmpty, digits.isAtEnd else {
        throw LiteralFailure.syntax(
          "expected a quoted key or an integer key, found '\(cursor.text(raw))'", at: raw.lowerBound
        )
      }
      return (cursor.text(raw), span)
    }
    // NB: an object's property can carry its visibility after the name.
    if raw.count >= 2, cursor.bytes[raw.upperBound - 1] == UInt8(ascii: "\"") {
      return (cursor.text(raw.lowerBound + 1..<raw.upperBound - 1), span)
    }
    var end = raw.lowerBound + 1
    while end < raw.upperBound, !cursor.hasPrefix("\":", at: end) { end += 1 }
    guard end < raw.upperBound else {
      throw LiteralFailure.syntax("unterminated key: no closing double quote", at: raw.lowerBound)
    }
    return (cursor.text(raw.lowerBound + 1..<end), span)
  }

  /// Reads the rest of `string(N) "…"`, taking N bytes when they fit.
  mutating func readString(start: Int) throws(LiteralFailure) -> String {
    let digits = cursor.readDigits()
    guard !digits.isEmpty, digits.count <= 18, let length = Int(cursor.text(digits)) else {
      throw cursor.failure(
        "expected the byte length of 'string(', found \(cursor.describe(at: digits.lowerBound))")
    }
    try cursor.expect(")", "after the byte length of 'string('")
    cursor.skipSpaces()
    try cursor.expect("\"", "to open the string")
    let contentStart = cursor.position
    if cursor.end - contentStart > length, closesString(at: contentStart + length) {
      cursor.position = contentStart + length + 1
      return cursor.text(contentStart..<contentStart + length)
    }

    // The length does not fit: take the first quote that can close the string.
    var index = contentStart
    while let quote = cursor.firstIndex(of: UInt8(ascii: "\""), from: index) {
      if closesString(at: quote) {
        cursor.position = quote + 1
        if misfit == nil {
          misfit = (start, length, quote - contentStart)
        } else {
          moreMisfits += 1
        }
        return cursor.text(contentStart..<quote)
      }
      index = quote + 1
    }
    throw LiteralFailure.syntax(
      "expected the \(length) bytes of string(\(length)) and a closing double quote", at: start)
  }

  /// Whether the byte at `offset` is a quote that can close a string: one that ends its
  /// line, or in a flattened dump one followed by the next key or the closing `}`.
  ///
  /// A quote inside the string can stand where the length points when the paste changed
  /// the string's bytes (line breaks turned into `\r\n`), so the quote alone proves nothing.
  func closesString(at offset: Int) -> Bool {
    guard cursor.bytes[offset] == UInt8(ascii: "\"") else { return false }
    if endsLine(after: offset) { return true }
    guard isFlat else { return false }
    var after = offset + 1
    while after < cursor.end, cursor.bytes[after] == 0x20 || cursor.bytes[after] == 0x09 {
      after += 1
    }
    guard after > offset + 1, after < cursor.end else { return false }
    return cursor.bytes[after] == UInt8(ascii: "[") || cursor.bytes[after] == UInt8(ascii: "}")
  }

  /// Whether only spaces and carriage returns stand between `offset` and the end of its line.
  func endsLine(after offset: Int) -> Bool {
    var after = offset + 1
    while after < cursor.end, cursor.bytes[after] == 0x20 || cursor.bytes[after] == 0x0D {
      after += 1
    }
    return after == cursor.end || cursor.bytes[after] == 0x0A
  }

  /// Reads the text of `int(…)` or `float(…)` up to its `)`.
  mutating func readNumber(kind: String) throws(LiteralFailure) -> String {
    let start = cursor.position
    while let byte = cursor.peek(),
      ByteCursor.isDigit(byte) || ByteCursor.isLetter(byte) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    {
      cursor.position += 1
    }
    guard cursor.position > start else {
      throw cursor.failure(
        "expected a number after '\(kind)(', found \(cursor.describe(at: start))")
    }
    let text = cursor.text(start..<cursor.position)
    try cursor.expect(")", "after \(kind)(\(text)")
    return text
  }
}
