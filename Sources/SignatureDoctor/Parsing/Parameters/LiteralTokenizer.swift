/// Splits a data literal into quoted strings, words and punctuation, skipping white space,
/// without judging its syntax.
///
/// Format detection and the rewrites that prepare Node and Python output for
/// `LiteralParser` use it to tell what stands outside strings.
struct LiteralTokenizer {
  /// What a token is.
  enum Kind: Equatable {
    /// A quoted string, unterminated ones included.
    case string(quote: UInt8)
    /// A run of letters, digits, `_`, `$` and non-ASCII characters.
    case word
    /// Any other single byte.
    case punctuation(UInt8)
  }

  /// A token and where it stands.
  struct Token: Equatable {
    let kind: Kind
    let range: Range<Int>
  }

  /// The input and the offset of the next unread byte.
  private var cursor: ByteCursor

  /// Prepares to read `bytes[range]`.
  init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
    cursor = ByteCursor(bytes, range: range)
  }

  /// The input.
  var bytes: UnsafeBufferPointer<UInt8> { cursor.bytes }
  /// One past the last byte read.
  var end: Int { cursor.end }
  /// The offset of the next unread byte.
  var position: Int {
    get { cursor.position }
    set { cursor.position = newValue }
  }

  /// Reads the next token, or `nil` at the end.
  mutating func next() -> Token? {
    cursor.skipWhitespace()
    guard position < end else { return nil }
    let start = position
    let byte = bytes[position]
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
      while position < end, bytes[position] != byte {
        position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
      }
      position = min(position + 1, end)
      return Token(kind: .string(quote: byte), range: start..<position)
    case _ where ByteCursor.isIdentifierByte(byte):
      while position < end, ByteCursor.isIdentifierByte(bytes[position]) { position += 1 }
      return Token(kind: .word, range: start..<position)
    default:
      return Token(kind: .punctuation(byte), range: start..<position)
    }
  }

  /// The token after the current position, without reading it.
  func peek() -> Token? {
    var copy = self
    return copy.next()
  }

  /// The end of a Node placeholder such as `[Object]`, `[Function: f]` or
  /// `[Object: null prototype]` that starts at `offset`: a `[`, a capital letter, and a `]`
  /// on the same line with no `[` before it.
  func placeholderEnd(at offset: Int) -> Int? {
    guard offset + 1 < end, bytes[offset] == UInt8(ascii: "["),
      (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[offset + 1])
    else { return nil }
    var index = offset + 2
    while index < end {
      switch bytes[index] {
      case UInt8(ascii: "]"): return index + 1
      case UInt8(ascii: "["), 0x0A: return nil
      default: index += 1
      }
    }
    return nil
  }

  /// The text of `range`.
  func text(_ range: Range<Int>) -> String {
    cursor.text(range)
  }
}
