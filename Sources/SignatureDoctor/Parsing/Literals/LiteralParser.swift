/// Reads one data literal from UTF-8 bytes: JSON, a JavaScript object as Node prints it, or
/// a Python `repr`.
///
/// It keeps what a signer needs to be judged by: key order, repeated keys, the raw text of
/// numbers and the spelling of booleans and nulls. Nesting is bounded, so a deep input ends
/// in an error rather than a stack overflow.
///
/// ```
/// {"timestamp": 1685544025, "tags": ["a", "b"], "eager": null}
/// ```
/// becomes `.map([timestamp: .number("1685544025"), tags: .list([.string("a"),
/// .string("b")]), eager: .null(spelling: "null")])`.
struct LiteralParser<Handler: LiteralHandler> {
  private let input: UnsafeBufferPointer<UInt8>
  private let dialect: LiteralDialect
  private let maximumDepth: Int
  /// The offset of the next unread byte.
  private(set) var position: Int
  /// Receives what is read.
  var handler: Handler
  /// Holds a string whose escapes have been decoded, reused from string to string.
  private var scratch: [UInt8] = []

  /// Prepares to read `input`, which must be valid UTF-8, from `position`.
  init(
    _ input: UnsafeBufferPointer<UInt8>,
    dialect: LiteralDialect,
    handler: Handler,
    maximumDepth: Int = InputLimits.standard.maximumDepth,
    position: Int = 0
  ) {
    self.input = input
    self.dialect = dialect
    self.handler = handler
    self.maximumDepth = maximumDepth
    self.position = position
  }

  /// Reads the whole input as one value with nothing but white space around it.
  ///
  /// - Throws: `LiteralFailure` at the first byte that breaks the dialect's syntax, or that
  ///   the handler refuses.
  mutating func parseDocument() throws(LiteralFailure) {
    try parseValue(depth: 0, context: .document)
    skipWhitespace()
    guard position == input.count else {
      throw failure("unexpected text after the end of the value")
    }
  }

  /// Reads one value starting at `position` and stops right after it.
  ///
  /// - Throws: `LiteralFailure` at the first byte that breaks the dialect's syntax.
  mutating func parseValue() throws(LiteralFailure) {
    try parseValue(depth: 0, context: .document)
  }
}

extension LiteralParser where Handler == ValueTreeBuilder {
  /// Reads a whole document into a value.
  ///
  /// - Throws: `LiteralFailure` at the first byte that breaks the dialect's syntax.
  static func value(
    of input: UnsafeBufferPointer<UInt8>,
    dialect: LiteralDialect,
    maximumDepth: Int = InputLimits.standard.maximumDepth
  ) throws(LiteralFailure) -> ParameterValue {
    var parser = LiteralParser(
      input,
      dialect: dialect,
      handler: ValueTreeBuilder(),
      maximumDepth: maximumDepth
    )
    try parser.parseDocument()
    return parser.handler.value!
  }
}

// MARK: - Values

private extension LiteralParser {
  /// Where a value sits, so that messages can name it.
  enum Context {
    case document
    /// A member's value; the payload is the key as written, quotes included.
    case member(keySpan: Range<Int>)
    case element(Int)
  }

  /// How a message names the value that `context` describes.
  func valueName(_ context: Context) -> String {
    switch context {
    case .document: "a value"
    case .member(let keySpan): "a value for '\(keyName(keySpan))'"
    case .element(let index): "element \(index + 1) of the list"
    }
  }

  /// A key as written, without its quotes, for messages.
  func keyName(_ span: Range<Int>) -> String {
    var name = text(span)
    if let first = name.first, first == "\"" || first == "'", name.count >= 2 {
      name = String(name.dropFirst().dropLast())
    }
    return name
  }

  mutating func parseValue(depth: Int, context: Context) throws(LiteralFailure) {
    skipWhitespace()
    guard let byte = peek() else {
      throw failure("expected \(valueName(context)), found the end of the input")
    }
    let start = position
    switch byte {
    case UInt8(ascii: "{"):
      try parseMap(depth: depth + 1)
    case UInt8(ascii: "["):
      try parseList(depth: depth + 1)
    case UInt8(ascii: "\""):
      try parseString(as: .value)
    case UInt8(ascii: "'") where dialect.allowsSingleQuotes:
      try parseString(as: .value)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try parseNumber()
      try handler.number(UnsafeBufferPointer(rebasing: input[start..<position]), span: start..<position)
    default:
      guard Self.isWordByte(byte) else {
        throw failure("expected \(valueName(context)), found \(describe(at: position))")
      }
      let word = readWord()
      guard let constant = dialect.constant(word) else {
        throw LiteralFailure(
          offset: start,
          problem: .syntax("unknown word '\(word)' where \(valueName(context)) belongs")
        )
      }
      try handler.constant(constant, span: start..<position)
    }
  }

  mutating func parseMap(depth: Int) throws(LiteralFailure) {
    guard depth <= maximumDepth else {
      throw LiteralFailure(offset: position, problem: .tooDeep(limit: maximumDepth))
    }
    try handler.beginMap(at: position)
    position += 1
    var previousKey: Range<Int>?
    while true {
      skipWhitespace()
      if peek() == UInt8(ascii: "}"), previousKey == nil || dialect.allowsTrailingCommas {
        position += 1
        return try handler.endMap(at: position)
      }
      let keyStart = position
      do {
        try parseKey()
      } catch {
        throw previousKey.map { error.adding(" after the member '\(keyName($0))'") } ?? error
      }
      let keySpan = keyStart..<position
      previousKey = keySpan
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else {
        throw failure("expected ':' after the key '\(keyName(keySpan))', found \(describe(at: position))")
      }
      position += 1
      try parseValue(depth: depth, context: .member(keySpan: keySpan))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","):
        position += 1
      case UInt8(ascii: "}"):
        position += 1
        return try handler.endMap(at: position)
      default:
        throw failure(
          "expected ',' or '}' after the value of '\(keyName(keySpan))', found \(describe(at: position))"
        )
      }
    }
  }

  mutating func parseList(depth: Int) throws(LiteralFailure) {
    guard depth <= maximumDepth else {
      throw LiteralFailure(offset: position, problem: .tooDeep(limit: maximumDepth))
    }
    try handler.beginList(at: position)
    position += 1
    var count = 0
    while true {
      skipWhitespace()
      if peek() == UInt8(ascii: "]"), count == 0 || dialect.allowsTrailingCommas {
        position += 1
        return try handler.endList(at: position)
      }
      let start = position
      if dialect == .javaScript, let placeholder = readInspectPlaceholder() {
        let span = start..<position
        try placeholder.withBytes { (bytes) throws(LiteralFailure) in try handler.string(bytes, span: span) }
      } else {
        try parseValue(depth: depth, context: .element(count))
      }
      count += 1
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","):
        position += 1
      case UInt8(ascii: "]"):
        position += 1
        return try handler.endList(at: position)
      default:
        throw failure(
          "expected ',' or ']' after element \(count) of the list, found \(describe(at: position))"
        )
      }
    }
  }

  mutating func parseKey() throws(LiteralFailure) {
    let start = position
    switch peek() {
    case UInt8(ascii: "\""):
      try parseString(as: .key)
    case UInt8(ascii: "'") where dialect.allowsSingleQuotes:
      try parseString(as: .key)
    case let byte? where dialect != .json && (Self.isWordByte(byte) || byte == UInt8(ascii: "-")):
      // Node prints identifier keys bare; Python prints integer keys bare.
      _ = readWord()
      try handler.key(UnsafeBufferPointer(rebasing: input[start..<position]), span: start..<position)
    default:
      throw failure("expected a quoted key, found \(describe(at: position))")
    }
  }

  /// Node's `util.inspect` prints `[Object]`, `[Array]` or `[Function: f]` for values it
  /// does not expand; they are read as the text they show.
  mutating func readInspectPlaceholder() -> [UInt8]? {
    guard peek() == UInt8(ascii: "["), position + 1 < input.count,
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(input[position + 1])
    else { return nil }
    // NB: the search stops at the first `[` or line break, so that many `[` in a row do not
    // each read to a distant `]`.
    var close = position + 2
    while close < input.count, input[close] != UInt8(ascii: "]") {
      let byte = input[close]
      guard byte != UInt8(ascii: "["), byte != UInt8(ascii: "\n") else { return nil }
      close += 1
    }
    guard close < input.count else { return nil }
    defer { position = close + 1 }
    return Array(input[position..<close + 1])
  }
}

// MARK: - Strings

private extension LiteralParser {
  /// What a string stands for.
  enum StringRole {
    case key
    case value
  }

  /// Hands a decoded string to the handler.
  mutating func deliver(
    _ bytes: UnsafeBufferPointer<UInt8>,
    as role: StringRole,
    span: Range<Int>
  ) throws(LiteralFailure) {
    switch role {
    case .key: try handler.key(bytes, span: span)
    case .value: try handler.string(bytes, span: span)
    }
  }

  /// Reads a quoted string and hands its decoded bytes to the handler.
  mutating func parseString(as role: StringRole) throws(LiteralFailure) {
    let quote = input[position]
    let start = position
    position += 1
    let contentStart = position

    // NB: most strings hold no escape; they are handed over straight from the input.
    while position < input.count {
      let byte = input[position]
      if byte == quote {
        position += 1
        let content = UnsafeBufferPointer(rebasing: input[contentStart..<position - 1])
        return try deliver(content, as: role, span: start..<position)
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20, !dialect.isLenient { throw controlCharacterFailure(byte) }
      position += 1
    }
    guard position < input.count else {
      throw LiteralFailure(
        offset: start,
        problem: .syntax("unterminated string: no closing \(Self.quoteName(quote))")
      )
    }

    var bytes: [UInt8] = []
    swap(&bytes, &scratch)
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: input[contentStart..<position])
    while position < input.count {
      let byte = input[position]
      switch byte {
      case quote:
        position += 1
        let span = start..<position
        defer { scratch = bytes }
        return try bytes.withBytes { (buffer) throws(LiteralFailure) in
          try deliver(buffer, as: role, span: span)
        }
      case UInt8(ascii: "\\"):
        try readEscape(into: &bytes)
      default:
        if byte < 0x20, !dialect.isLenient { throw controlCharacterFailure(byte) }
        bytes.append(byte)
        position += 1
      }
    }
    throw LiteralFailure(
      offset: start,
      problem: .syntax("unterminated string: no closing \(Self.quoteName(quote))")
    )
  }

  mutating func readEscape(into bytes: inout [UInt8]) throws(LiteralFailure) {
    let start = position
    position += 1
    guard let letter = peek() else {
      throw LiteralFailure(offset: start, problem: .syntax("unterminated escape at the end of the input"))
    }
    position += 1
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(letter)
    case UInt8(ascii: "b"): bytes.append(0x08)
    case UInt8(ascii: "f"): bytes.append(0x0C)
    case UInt8(ascii: "n"): bytes.append(0x0A)
    case UInt8(ascii: "r"): bytes.append(0x0D)
    case UInt8(ascii: "t"): bytes.append(0x09)
    case UInt8(ascii: "u"):
      append(try readUnicodeEscape(start: start), to: &bytes)
    case UInt8(ascii: "'") where dialect.isLenient: bytes.append(letter)
    case UInt8(ascii: "x") where dialect.isLenient:
      append(try readHexScalar(digits: 2, start: start), to: &bytes)
    case UInt8(ascii: "U") where dialect == .python:
      append(try readHexScalar(digits: 8, start: start), to: &bytes)
    case UInt8(ascii: "0") where dialect.isLenient: bytes.append(0)
    case UInt8(ascii: "v") where dialect.isLenient: bytes.append(0x0B)
    case UInt8(ascii: "\n") where dialect.isLenient: break
    default:
      guard dialect.isLenient else {
        throw LiteralFailure(
          offset: start,
          problem: .syntax("invalid escape '\\\(text(position - 1..<position))' in a JSON string")
        )
      }
      // Python keeps an unknown escape as written; JavaScript drops the backslash.
      if dialect == .python { bytes.append(UInt8(ascii: "\\")) }
      position -= 1
    }
  }

  /// Reads the digits of `\uXXXX`, joining a surrogate pair, or `\u{…}` in JavaScript.
  mutating func readUnicodeEscape(start: Int) throws(LiteralFailure) -> Unicode.Scalar {
    if dialect == .javaScript, peek() == UInt8(ascii: "{") {
      position += 1
      guard let close = input[position...].prefix(7).firstIndex(of: UInt8(ascii: "}")),
        let value = UInt32(text(position..<close), radix: 16), let scalar = Unicode.Scalar(value)
      else { throw LiteralFailure(offset: start, problem: .syntax("invalid escape '\\u{…}'")) }
      position = close + 1
      return scalar
    }
    let high = try readHexValue(digits: 4, start: start)
    if (0xD800...0xDBFF).contains(high), peek() == UInt8(ascii: "\\"),
      position + 1 < input.count, input[position + 1] == UInt8(ascii: "u")
    {
      let lowStart = position
      position += 2
      let low = try readHexValue(digits: 4, start: lowStart)
      if (0xDC00...0xDFFF).contains(low) {
        return Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))!
      }
      position = lowStart
    }
    guard let scalar = Unicode.Scalar(high) else {
      throw LiteralFailure(
        offset: start,
        problem: .syntax("lone surrogate '\\u\(text(start + 2..<start + 6))' cannot be encoded in UTF-8")
      )
    }
    return scalar
  }

  mutating func readHexScalar(digits: Int, start: Int) throws(LiteralFailure) -> Unicode.Scalar {
    let value = try readHexValue(digits: digits, start: start)
    guard let scalar = Unicode.Scalar(value) else {
      throw LiteralFailure(
        offset: start,
        problem: .syntax("escape '\(text(start..<position))' is not a Unicode scalar")
      )
    }
    return scalar
  }

  mutating func readHexValue(digits: Int, start: Int) throws(LiteralFailure) -> UInt32 {
    guard position + digits <= input.count,
      let value = UInt32(text(position..<position + digits), radix: 16),
      input[position..<position + digits].allSatisfy({ Self.isHexDigit($0) })
    else {
      throw LiteralFailure(offset: start, problem: .syntax("escape needs \(digits) hexadecimal digits"))
    }
    position += digits
    return value
  }

  func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
    UTF8.encode(scalar) { bytes.append($0) }
  }

  func controlCharacterFailure(_ byte: UInt8) -> LiteralFailure {
    LiteralFailure(
      offset: position,
      problem: .syntax("control character U+00\(ByteCountText.hex(byte)) must be escaped in a JSON string")
    )
  }

  static func quoteName(_ quote: UInt8) -> String {
    quote == UInt8(ascii: "'") ? "single quote" : "double quote"
  }
}

// MARK: - Numbers, words, white space

private extension LiteralParser {
  /// Reads a number in JSON's grammar; the caller takes its text from the input.
  mutating func parseNumber() throws(LiteralFailure) {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    if dialect == .javaScript, peek() == UInt8(ascii: "I") {
      let word = readWord()
      guard word == "Infinity" else { throw numberFailure(start) }
      return
    }
    guard let first = peek(), Self.isDigit(first) else { throw numberFailure(start) }
    position += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    if peek() == UInt8(ascii: ".") {
      position += 1
      guard let digit = peek(), Self.isDigit(digit) else { throw numberFailure(start) }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      guard let digit = peek(), Self.isDigit(digit) else { throw numberFailure(start) }
      skipDigits()
    }
    if let next = peek(), Self.isWordByte(next) { throw numberFailure(start) }
  }

  func numberFailure(_ start: Int) -> LiteralFailure {
    var end = position
    while end < input.count, Self.isWordByte(input[end]) || input[end] == UInt8(ascii: ".") { end += 1 }
    return LiteralFailure(
      offset: start,
      problem: .syntax("invalid number '\(text(start..<max(end, start + 1)))'")
    )
  }

  mutating func skipDigits() {
    while let byte = peek(), Self.isDigit(byte) { position += 1 }
  }

  mutating func readWord() -> String {
    let start = position
    while let byte = peek(), Self.isWordByte(byte) || byte == UInt8(ascii: "-") && position == start {
      position += 1
    }
    return text(start..<position)
  }

  mutating func skipWhitespace() {
    while let byte = peek(),
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      position += 1
    }
  }

  func peek() -> UInt8? {
    position < input.count ? input[position] : nil
  }

  func text(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self)
  }

  func failure(_ message: String) -> LiteralFailure {
    LiteralFailure(offset: position, problem: .syntax(message))
  }

  /// Names what stands at `offset` for a message: a quoted character or the end.
  func describe(at offset: Int) -> String {
    guard offset < input.count else { return "the end of the input" }
    var end = offset + 1
    while end < input.count, input[end] & 0xC0 == 0x80 { end += 1 }
    let character = text(offset..<end)
    switch character {
    case "\n": return "a line break"
    case "'": return "\"'\""
    default: return "'\(character)'"
    }
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  static func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
  }

  static func isWordByte(_ byte: UInt8) -> Bool {
    isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
  }
}
