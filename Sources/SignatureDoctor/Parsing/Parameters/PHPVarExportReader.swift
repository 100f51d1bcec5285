/// Reads the output of PHP's `var_export`, and PHP array literals written the same way.
///
/// ```
/// array (
///   'folder' => 'avatars',
///   'n' => 5,
///   'list' =>
///   array (
///     0 => 'a',
///   ),
/// )
/// ```
/// becomes `.map([folder: .string("avatars"), n: .number("5"), list: .list([.string("a")])])`.
///
/// Besides `var_export`'s own forms (`array (…)`, `(object) array(…)`,
/// `\Name::__set_state(array(…))`), it reads what a developer copies from code: short
/// `[…]` arrays, double-quoted strings, entries without a key (numbered as PHP numbers
/// them) and a final `;`. Single-quoted strings decode `\'` and `\\` only, as PHP does;
/// double-quoted ones decode `\n`, `\r`, `\t`, `\v`, `\f`, `\e`, `\\`, `\$` and `\"` and keep
/// any other backslash as written. `true`, `false` and `null` are read in any case with
/// their spelling kept, and numbers keep their text.
struct PHPVarExportReader {
  private var cursor: ByteCursor
  private let maximumDepth: Int

  /// Reads the value that fills `range`.
  ///
  /// - Throws: `LiteralFailure` where the text stops being a PHP literal, or where arrays
  ///   nest deeper than `maximumDepth`.
  static func value(
    of bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    maximumDepth: Int
  ) throws(LiteralFailure) -> ParameterValue {
    var reader = PHPVarExportReader(
      cursor: ByteCursor(bytes, range: range), maximumDepth: maximumDepth)
    let value = try reader.readValue(depth: 0, context: "a value")
    reader.cursor.skipWhitespace()
    _ = reader.cursor.consume(";")
    try reader.cursor.expectEnd(after: "the end of the array")
    return value
  }

  /// Whether `range` starts like a PHP array: `array (`, `(object)`, `Name::__set_state(`,
  /// or `[` followed by a key and `=>`.
  static func startsArray(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
    var reader = PHPVarExportReader(cursor: ByteCursor(bytes, range: range), maximumDepth: 0)
    guard reader.cursor.consume("[") else { return reader.openingBracket() != nil }
    reader.cursor.skipWhitespace()
    guard (try? reader.readScalar(context: "a key")) != nil else { return false }
    reader.cursor.skipWhitespace()
    return reader.cursor.hasPrefix("=>")
  }
}

private extension PHPVarExportReader {
  mutating func readValue(depth: Int, context: String) throws(LiteralFailure) -> ParameterValue {
    cursor.skipWhitespace()
    let start = cursor.position
    guard let opening = openingBracket() else { return try readScalar(context: context) }
    guard depth + 1 <= maximumDepth else {
      throw LiteralFailure(offset: start, problem: .tooDeep(limit: maximumDepth))
    }
    let value = try readEntries(depth: depth + 1, close: opening.close)
    if opening.isSetState {
      cursor.skipWhitespace()
      try cursor.expect(")", "to close '__set_state('")
    }
    return value
  }

  /// Reads the opening of an array and returns the byte that closes it (`array (` gives
  /// `)`, `[` gives `]`), and whether `Name::__set_state(` came before it. `(object)` is
  /// skipped.
  mutating func openingBracket() -> (close: UInt8, isSetState: Bool)? {
    let start = cursor.position
    var isSetState = false
    if cursor.consume("(object)") {
      cursor.skipWhitespace()
    } else if cursor.peek() == UInt8(ascii: "\\") || cursor.peek().map(ByteCursor.isLetter) == true,
      !cursor.hasPrefix("array")
    {
      while let byte = cursor.peek(),
        ByteCursor.isIdentifierByte(byte) || byte == UInt8(ascii: "\\")
      {
        cursor.position += 1
      }
      guard cursor.consume("::__set_state(") else {
        cursor.position = start
        return nil
      }
      isSetState = true
      cursor.skipWhitespace()
    }
    if cursor.consume("[") { return (UInt8(ascii: "]"), isSetState) }
    if cursor.consume("array") {
      cursor.skipWhitespace()
      if cursor.consume("(") { return (UInt8(ascii: ")"), isSetState) }
    }
    cursor.position = start
    return nil
  }

  /// Reads `key => value` entries, or bare values numbered as PHP numbers them, separated
  /// by commas, up to `close`.
  mutating func readEntries(depth: Int, close: UInt8) throws(LiteralFailure) -> ParameterValue {
    var builder = PHPArrayBuilder()
    var nextIndex = 0
    while true {
      cursor.skipWhitespace()
      if cursor.peek() == close {
        cursor.position += 1
        return builder.value
      }
      let keyStart = cursor.position
      var value = try readValue(depth: depth, context: "a key or a value")
      let keySpan = keyStart..<cursor.position
      var valueSpan = keySpan
      var key = String(nextIndex)
      cursor.skipWhitespace()
      if cursor.consume("=>") {
        key = try Self.key(from: value, at: keyStart)
        cursor.skipWhitespace()
        let valueStart = cursor.position
        value = try readValue(depth: depth, context: "a value for '\(key)'")
        valueSpan = valueStart..<cursor.position
      }
      if let index = Int(key), String(index) == key, index >= nextIndex { nextIndex = index + 1 }
      builder.append(key: key, keySpan: keySpan, value: value, valueSpan: valueSpan)

      cursor.skipWhitespace()
      if cursor.consume(",") { continue }
      guard cursor.peek() == close else {
        let closing = String(decoding: [close], as: UTF8.self)
        throw cursor.failure(
          "expected ',' or '\(closing)' after the value of '\(key)', found "
            + cursor.describe(at: cursor.position))
      }
    }
  }

  /// The key a value before `=>` stands for: a string, or an integer's digits.
  static func key(from value: ParameterValue, at offset: Int) throws(LiteralFailure) -> String {
    switch value {
    case .string(let text): return text
    case .number(let text) where Int(text) != nil: return text
    default:
      throw LiteralFailure.syntax(
        "expected a string or an integer before '=>', found \(value.kindDescription)", at: offset)
    }
  }

  /// Reads a string, a number, or a constant.
  mutating func readScalar(context: String) throws(LiteralFailure) -> ParameterValue {
    let start = cursor.position
    switch cursor.peek() {
    case UInt8(ascii: "'")?, UInt8(ascii: "\"")?:
      return .string(try readString())
    case let byte?
    where ByteCursor.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: "."):
      let text = readNumber()
      guard Self.isNumber(text) else {
        throw LiteralFailure.syntax("invalid number '\(text)'", at: start)
      }
      return .number(text)
    case let byte? where ByteCursor.isLetter(byte):
      while let byte = cursor.peek(), ByteCursor.isIdentifierByte(byte) { cursor.position += 1 }
      let word = cursor.text(start..<cursor.position)
      switch word.lowercased() {
      case "true": return .boolean(true, spelling: word)
      case "false": return .boolean(false, spelling: word)
      case "null": return .null(spelling: word)
      case "inf", "nan": return .number(word)
      default:
        throw LiteralFailure.syntax("unknown word '\(word)' where \(context) belongs", at: start)
      }
    default:
      throw cursor.failure("expected \(context), found \(cursor.describe(at: start))")
    }
  }

  /// Reads the bytes a number can be made of; `isNumber` judges them.
  mutating func readNumber() -> String {
    let start = cursor.position
    while let byte = cursor.peek(),
      ByteCursor.isIdentifierByte(byte) || byte == UInt8(ascii: ".")
        || (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"))
          && (cursor.position == start
            || cursor.bytes[cursor.position - 1] | 0x20 == UInt8(ascii: "e"))
    {
      cursor.position += 1
    }
    return cursor.text(start..<cursor.position)
  }

  /// Whether `text` is a PHP number as `var_export` writes one: an optional sign, then
  /// `INF`, `NAN`, or digits with an optional fraction and exponent.
  static func isNumber(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" || body.first == "+" { body = body.dropFirst() }
    if body == "INF" || body == "NAN" { return true }
    let mantissa = body.prefix { $0 != "e" && $0 != "E" }
    var exponent = body.dropFirst(mantissa.count).dropFirst()
    if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
    let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let isDigits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber || $0 == "_" }
    }
    return parts.allSatisfy(isDigits) && parts.contains { !$0.isEmpty }
      && (mantissa.count == body.count || !exponent.isEmpty && isDigits(exponent))
  }

  /// Reads a single- or double-quoted string and decodes its escapes.
  mutating func readString() throws(LiteralFailure) -> String {
    let start = cursor.position
    let quote = cursor.bytes[start]
    cursor.position += 1
    var bytes: [UInt8] = []
    while let byte = cursor.peek() {
      cursor.position += 1
      if byte == quote { return String(decoding: bytes, as: UTF8.self) }
      guard byte == UInt8(ascii: "\\"), let next = cursor.peek() else {
        bytes.append(byte)
        continue
      }
      if let decoded = Self.escape(next, in: quote) {
        bytes.append(decoded)
        cursor.position += 1
      } else {
        bytes.append(byte)
      }
    }
    let name = quote == UInt8(ascii: "'") ? "single quote" : "double quote"
    throw LiteralFailure.syntax("unterminated string: no closing \(name)", at: start)
  }

  /// The byte an escape stands for in a string quoted with `quote`, or `nil` when PHP keeps
  /// the backslash.
  static func escape(_ letter: UInt8, in quote: UInt8) -> UInt8? {
    switch letter {
    case UInt8(ascii: "\\"): return letter
    case quote: return letter
    case _ where quote == UInt8(ascii: "'"): return nil
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "v"): return 0x0B
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "e"): return 0x1B
    case UInt8(ascii: "$"): return letter
    default: return nil
    }
  }
}
