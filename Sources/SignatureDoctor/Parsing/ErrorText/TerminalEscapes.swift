/// Removes the escape sequences a terminal acts on (colours, cursor moves, hyperlinks) from a
/// paste copied out of a terminal, or out of a log that kept them.
///
/// A control sequence (ESC `[`, parameter bytes, intermediate bytes, a final byte), an
/// operating system command (ESC `]` up to BEL or ESC `\`, on one line), and the short
/// escapes (ESC, intermediate bytes, a final byte: ESC `(B`, ESC `=`) are dropped. They are
/// a layer outside every message: the server writes none into a string to sign, and a JSON
/// layer would have written the ESC as `\u001b`. Every byte kept keeps its origin, so
/// positions still point into the paste. An ESC that starts no sequence stays.
///
/// ```
/// ESC[31merrorESC[0m: Invalid Signature 3f78…. String to sign - 'timestamp=1'.ESC[0m
/// ```
/// becomes `error: Invalid Signature 3f78…. String to sign - 'timestamp=1'.`
enum TerminalEscapes {
  /// The escape byte.
  static let escape: UInt8 = 0x1B
  /// The bell, which may end an operating system command.
  static let bell: UInt8 = 0x07
  /// The most bytes one control sequence may take; real ones take a few.
  private static let maximumControlLength = 64
  /// The most bytes one operating system command may take: a hyperlink's address.
  private static let maximumCommandLength = 4096

  /// `text` without its escape sequences, or `nil` when it holds none.
  static func strip(_ text: DecodedText) -> DecodedText? {
    text.replacingSpans(startingWith: escape) { found in
      sequenceLength(in: text, at: found).map { ($0, []) }
    }
  }

  /// The length of the escape sequence that starts at `index`, an ESC; `nil` when none does.
  static func sequenceLength(in text: DecodedText, at index: Int) -> Int? {
    guard let introducer = text.byte(at: index + 1) else { return nil }
    switch introducer {
    case UInt8(ascii: "["): return controlLength(in: text, at: index)
    case UInt8(ascii: "]"): return commandLength(in: text, at: index)
    default: return shortEscapeLength(in: text, at: index)
    }
  }
}

// MARK: - Sequences

private extension TerminalEscapes {
  /// ESC `[`, bytes 0x30 to 0x3F, bytes 0x20 to 0x2F, then one byte 0x40 to 0x7E.
  static func controlLength(in text: DecodedText, at index: Int) -> Int? {
    var position = index + 2
    let limit = min(text.count, index + maximumControlLength)
    while position < limit, (0x30...0x3F).contains(text[position]) { position += 1 }
    while position < limit, (0x20...0x2F).contains(text[position]) { position += 1 }
    guard position < limit, (0x40...0x7E).contains(text[position]) else { return nil }
    return position + 1 - index
  }

  /// ESC `]`, then anything but a line break, up to BEL or ESC `\`.
  static func commandLength(in text: DecodedText, at index: Int) -> Int? {
    var position = index + 2
    let limit = min(text.count, index + maximumCommandLength)
    while position < limit {
      switch text[position] {
      case bell: return position + 1 - index
      case escape:
        return text.byte(at: position + 1) == UInt8(ascii: "\\") ? position + 2 - index : nil
      case 0x0A, 0x0D: return nil
      default: position += 1
      }
    }
    return nil
  }

  /// ESC, bytes 0x20 to 0x2F, then one byte 0x30 to 0x7E other than `[` and `]`.
  static func shortEscapeLength(in text: DecodedText, at index: Int) -> Int? {
    var position = index + 1
    let limit = min(text.count, index + 4)
    while position < limit, (0x20...0x2F).contains(text[position]) { position += 1 }
    guard position < limit, (0x30...0x7E).contains(text[position]) else { return nil }
    return position + 1 - index
  }
}
