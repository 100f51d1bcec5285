/// Tells which notation a paste of client parameters is written in, from its first bytes
/// and, for literals and `key=value` text, from what it holds.
///
/// The rules, in order (`ClientParameterReader` documents them for users):
/// 1. `Array (` or `Name Object (`: PHP `print_r`.
/// 2. `array(N) {` or `object(Name)#N (N) {`: PHP `var_dump`.
/// 3. `array (`, `(object) array(`, `Name::__set_state(`, or `[` then a key and `=>`:
///    PHP `var_export` (or a PHP array literal).
/// 4. `{`, `[`, `<ref`, `OrderedDict(` or `Name {`: a literal, whose dialect
///    `literalFormat(of:in:)` decides.
/// 5. `?`, or a URL followed by `?`, with an `=` after it: a query string.
/// 6. `key=value` text: a form body when `isFormEncoded(_:in:)` says so, otherwise a logged
///    string to sign; in quotes, always a logged string to sign.
enum ParameterFormatDetector {
  /// The notation of the parameters in `range`, or `nil` when none fits.
  static func format(of bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> ClientEvidence
    .Format?
  {
    guard !range.isEmpty else { return nil }
    let cursor = ByteCursor(bytes, range: range)
    if PHPPrintRReader.startsArray(bytes, in: range) { return .phpPrintR }
    if startsVarDump(cursor) { return .phpVarDump }
    if PHPVarExportReader.startsArray(bytes, in: range) { return .phpVarExport }
    if startsLiteral(cursor) { return literalFormat(of: bytes, in: range) }
    if let query = FormBodyReader.queryStart(of: bytes, in: range) {
      return cursor.firstIndex(of: UInt8(ascii: "="), from: query) != nil ? .form : nil
    }
    if isQuotedPairs(cursor) { return .stringToSign }
    guard startsPair(cursor) else { return nil }
    return isFormEncoded(bytes, in: range) ? .form : .stringToSign
  }

  /// Which of JSON, a Node dump and a Python `repr` the literal in `range` is.
  ///
  /// JSON when nothing outside JSON appears: no single quotes, bare keys, placeholders,
  /// trailing commas, parentheses or words other than `true`, `false`, `null` and numbers.
  /// Otherwise Python when `True`, `False`, `None` or `OrderedDict` appears; JavaScript
  /// when a bare key, `undefined`, `NaN`, `Infinity`, `true`, `false`, `null`, a
  /// placeholder such as `[Object]` or a type tag before `{` appears; Python otherwise
  /// (single-quoted keys, tuples, trailing commas).
  static func literalFormat(of bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>)
    -> ClientEvidence.Format
  {
    var tokens = LiteralTokenizer(bytes, range: range)
    var isJSON = true
    var hasPythonWords = false
    var hasJavaScriptSigns = false
    while let token = tokens.next() {
      switch token.kind {
      case .string(quote: UInt8(ascii: "\"")):
        break
      case .string:
        isJSON = false
      case .word:
        let word = tokens.text(token.range)
        let next = tokens.peek()?.kind
        switch word {
        case "True", "False", "None", "OrderedDict":
          hasPythonWords = true
        case "true", "false", "null":
          hasJavaScriptSigns = true
          continue
        case "undefined", "NaN", "Infinity":
          hasJavaScriptSigns = true
        case _ where ByteCursor.isDigit(bytes[token.range.lowerBound]):
          continue
        default:
          if next == .punctuation(UInt8(ascii: ":")) || next == .punctuation(UInt8(ascii: "{")) {
            hasJavaScriptSigns = true
          }
        }
        isJSON = false
      case .punctuation(UInt8(ascii: "[")):
        guard let end = tokens.placeholderEnd(at: token.range.lowerBound) else { continue }
        tokens.position = end
        hasJavaScriptSigns = true
        isJSON = false
      case .punctuation(UInt8(ascii: "(")), .punctuation(UInt8(ascii: ")")):
        isJSON = false
      case .punctuation(UInt8(ascii: ",")):
        // NB: a trailing comma rules out JSON; JavaScript and Python code both allow it.
        let next = tokens.peek()?.kind
        if next == .punctuation(UInt8(ascii: "}")) || next == .punctuation(UInt8(ascii: "]")) {
          isJSON = false
        }
      case .punctuation(UInt8(ascii: "<")):
        hasJavaScriptSigns = true
        isJSON = false
      case .punctuation:
        break
      }
    }
    if isJSON { return .json }
    if hasPythonWords { return .python }
    if hasJavaScriptSigns { return .javaScript }
    return .python
  }

  /// Whether `key=value` text in `range` is form-encoded rather than a logged string.
  ///
  /// It is when a key holds brackets (`tags[]`, `tags%5B%5D`), or when it holds a `%XX`
  /// escape other than `%26` or a `+`, and no character that form encoding always escapes:
  /// a space, a tab, `/`, `:`, `,`, `|`, `{`, `}`, `"`, `\`, `^`, `` ` ``, `<`, `>` or any
  /// non-ASCII character. `%26` alone does not count: signature version 2 writes `&` in a
  /// value that way in the string to sign itself.
  static func isFormEncoded(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
    var hasEscape = false
    var hasRaw = false
    var inKey = true
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "&"):
        inKey = true
      case UInt8(ascii: "="):
        inKey = false
      case UInt8(ascii: "[") where inKey, UInt8(ascii: "]") where inKey:
        return true
      case UInt8(ascii: "%") where index + 2 < range.upperBound:
        guard let high = ByteCursor.hexValue(bytes[index + 1]),
          let low = ByteCursor.hexValue(bytes[index + 2])
        else { break }
        let value = high << 4 | low
        if inKey, value == UInt8(ascii: "[") || value == UInt8(ascii: "]") { return true }
        if value != UInt8(ascii: "&") { hasEscape = true }
      case UInt8(ascii: "+"):
        hasEscape = true
      case _ where isNeverLeftRaw[Int(byte)]:
        hasRaw = true
      default:
        break
      }
      index += 1
    }
    return hasEscape && !hasRaw
  }
}

private extension ParameterFormatDetector {
  /// The bytes that form encoding always escapes: space, tab, `/`, `:`, `,`, `|`, `{`, `}`,
  /// `"`, `\`, `^`, `` ` ``, `<`, `>` and every byte of a non-ASCII character.
  static let isNeverLeftRaw: [Bool] = (0...255).map { byte in
    byte >= 0x80 || " \t/:,|{}\"\\^`<>".utf8.contains(UInt8(byte))
  }

  /// Whether the text starts with `array(N) {` or `object(`.
  static func startsVarDump(_ cursor: ByteCursor) -> Bool {
    var cursor = cursor
    if cursor.hasPrefix("object(") { return true }
    guard cursor.consume("array("), !cursor.readDigits().isEmpty, cursor.consume(")") else {
      return false
    }
    cursor.skipSpaces()
    return cursor.peek() == UInt8(ascii: "{")
  }

  /// Whether the text starts like a literal: `{`, `[`, `<ref`, `OrderedDict(`, or a name
  /// followed by `{`.
  static func startsLiteral(_ cursor: ByteCursor) -> Bool {
    var cursor = cursor
    switch cursor.peek() {
    case UInt8(ascii: "{"), UInt8(ascii: "["): return true
    case UInt8(ascii: "<"): return cursor.hasPrefix("<ref *")
    default: break
    }
    if cursor.hasPrefix("OrderedDict(") { return true }
    let start = cursor.position
    while let byte = cursor.peek(), ByteCursor.isIdentifierByte(byte) { cursor.position += 1 }
    let hasName = cursor.position > start
    cursor.skipSpaces()
    return hasName && cursor.peek() == UInt8(ascii: "{")
  }

  /// Whether the text is `key=value` text inside a pair of quotes, as a string to sign is
  /// logged by code that quotes it.
  static func isQuotedPairs(_ cursor: ByteCursor) -> Bool {
    let range = cursor.position..<cursor.end
    guard range.count >= 2, let quote = cursor.peek(),
      quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "`"),
      cursor.bytes[range.upperBound - 1] == quote
    else { return false }
    return startsPair(ByteCursor(cursor.bytes, range: range.lowerBound + 1..<range.upperBound - 1))
  }

  /// Whether the text starts with a key and `=`: no white space, quote or bracket but `[`
  /// before the first `=`.
  static func startsPair(_ cursor: ByteCursor) -> Bool {
    var index = cursor.position
    while index < cursor.end {
      let byte = cursor.bytes[index]
      if byte == UInt8(ascii: "=") { return index > cursor.position }
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "<"),
        UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
        return false
      default:
        break
      }
      index += 1
    }
    return false
  }
}
