/// Where the parameters stand in a paste once the white space around them and a leading
/// label are set aside.
///
/// Two kinds of label are recognised at the very start:
/// - a name and a colon, then a line break or a space: `params_to_sign:`,
///   `console.log output:`, `String to sign: folder=…`. The name holds letters, digits,
///   spaces and `_ . ( ) - /` and starts with a letter, so no JSON, PHP dump, form body or
///   URL is mistaken for one;
/// - an assignment: `$params = `, `var params = `, `let params = `, `const params = `, or
///   `params = ` with a space before `=` and a `{`, `[`, quote, `array`, `Array`,
///   `(object)` or `OrderedDict` after it. A final `;` goes with it.
///
/// A label whose words say "string to sign" (`String to sign:`, `$string_to_sign = `,
/// `to_sign = `) marks the text as a logged string to sign.
struct ParameterPreamble {
  /// The label as written, if one was found.
  private(set) var label: String?
  /// Whether the label names a string to sign.
  private(set) var namesStringToSign = false
  /// Where the label starts.
  private(set) var labelOffset = 0
  /// The bytes that hold the parameters, without white space at either end.
  private(set) var content: Range<Int>
  /// The same, keeping spaces and tabs at the end, which a logged string may hold.
  private(set) var contentWithTrailingSpaces: Range<Int>

  /// Finds the parameters in `bytes`.
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    while start < bytes.count, ByteCursor.isWhitespace(bytes[start]) { start += 1 }
    var end = bytes.count
    while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
    contentWithTrailingSpaces = start..<end
    while end > start, ByteCursor.isWhitespace(bytes[end - 1]) { end -= 1 }
    content = start..<end
    labelOffset = start

    let cursor = ByteCursor(bytes, range: content)
    if let rest = Self.assignmentEnd(cursor) {
      setLabel(cursor, rest: rest)
      trimStatementEnd(bytes)
    } else if let rest = Self.colonLabelEnd(cursor) {
      setLabel(cursor, rest: rest)
    }
  }
}

private extension ParameterPreamble {
  /// Records the label that ends at `rest` and moves the content past it.
  mutating func setLabel(_ cursor: ByteCursor, rest: Int) {
    let text = cursor.text(content.lowerBound..<rest)
    label = String(
      text.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.reversed())
    let letters = String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
    namesStringToSign = letters.contains("stringtosign") || letters == "tosign"
    var start = rest
    while start < content.upperBound, ByteCursor.isWhitespace(cursor.bytes[start]) { start += 1 }
    content = start..<content.upperBound
    contentWithTrailingSpaces = start..<max(start, contentWithTrailingSpaces.upperBound)
  }

  /// Drops a final `;` and the white space before it, as after a statement.
  mutating func trimStatementEnd(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard content.upperBound > content.lowerBound,
      bytes[content.upperBound - 1] == UInt8(ascii: ";")
    else {
      return
    }
    var end = content.upperBound - 1
    while end > content.lowerBound, ByteCursor.isWhitespace(bytes[end - 1]) { end -= 1 }
    content = content.lowerBound..<end
    contentWithTrailingSpaces = content
  }

  /// The offset after `name = ` when the text starts with an assignment.
  static func assignmentEnd(_ cursor: ByteCursor) -> Int? {
    var cursor = cursor
    let hasDollar = cursor.consume("$")
    var hasKeyword = false
    if !hasDollar {
      for keyword in ["var ", "let ", "const "] where cursor.consume(keyword) {
        hasKeyword = true
        cursor.skipSpaces()
        break
      }
    }
    guard let first = cursor.peek(), ByteCursor.isLetter(first) || first == UInt8(ascii: "_") else {
      return nil
    }
    while let byte = cursor.peek(),
      ByteCursor.isIdentifierByte(byte) || byte == UInt8(ascii: ".")
        || hasDollar && "[]'\"->".utf8.contains(byte)
    {
      cursor.position += 1
    }
    let nameEnd = cursor.position
    cursor.skipSpaces()
    let hasSpace = cursor.position > nameEnd
    guard cursor.consume("="), cursor.peek() != UInt8(ascii: "="),
      cursor.peek() != UInt8(ascii: ">")
    else {
      return nil
    }
    cursor.skipWhitespace()
    let openers = ["{", "[", "'", "\"", "array", "Array", "(object)", "OrderedDict"]
    guard hasDollar || hasKeyword || hasSpace && openers.contains(where: { cursor.hasPrefix($0) })
    else {
      return nil
    }
    return cursor.position
  }

  /// The offset after `Some label:` when the text starts with a label and a colon.
  static func colonLabelEnd(_ cursor: ByteCursor) -> Int? {
    var cursor = cursor
    guard let first = cursor.peek(), ByteCursor.isLetter(first) else { return nil }
    let start = cursor.position
    while let byte = cursor.peek(), cursor.position - start < 80,
      ByteCursor.isIdentifierByte(byte) || " .()-/".utf8.contains(byte)
    {
      cursor.position += 1
    }
    guard cursor.consume(":") else { return nil }
    guard let next = cursor.peek() else { return cursor.position }
    return ByteCursor.isWhitespace(next) ? cursor.position : nil
  }
}
