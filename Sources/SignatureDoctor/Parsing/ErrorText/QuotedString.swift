/// A quoted string in a view: a JSON or JavaScript string, a Python or Elixir literal, or
/// text a person put between quotes.
///
/// The scan skips every backslash escape, so the quotes of a deeper level (`\"` inside a
/// JSON string) never close it. A string cut off by the end of the paste or of its line is
/// kept with `isClosed == false`.
///
/// ```
/// body: "{\"error\":{\"message\":\"Invalid Signature …\"}}", status_code: 401
///       ^ open                                          ^ contentEnd
/// ```
struct QuotedString {
  /// The index of the opening quote.
  let open: Int
  /// The index just past the content: the closing quote, or where the text stops.
  let contentEnd: Int
  /// Whether a closing quote was found.
  let isClosed: Bool
  /// The quote, `"` or `'`.
  let quote: UInt8

  /// The content, without the quotes.
  var content: Range<Int> { open + 1..<contentEnd }
  /// The index just past the string, closing quote included.
  var end: Int { isClosed ? contentEnd + 1 : contentEnd }

  /// Scans the string whose opening quote is at `open`.
  ///
  /// A line break inside a string is taken for a mail client's wrap when a `wrapBudget` is
  /// given and the lines after it close the string (`LineWrap.wrappedEnd`); otherwise the
  /// string stops at the break.
  static func scan(in view: DecodedText, openingAt open: Int, wrapBudget: inout Int?)
    -> QuotedString
  {
    let quote = view[open]
    var position = open + 1
    var knownClose = -1
    while true {
      position = nextStop(of: quote, in: position..<view.count, of: view)
      guard position < view.count else { break }
      if view[position] == quote {
        return QuotedString(open: open, contentEnd: position, isClosed: true, quote: quote)
      }
      if position > knownClose {
        guard var budget = wrapBudget else { break }
        let close = LineWrap.wrappedEnd(in: view, breakAt: position, budget: &budget) {
          closingQuote(quote, in: $0, of: view)
        }
        wrapBudget = budget
        guard let close else { break }
        knownClose = close
      }
      position += 1
    }
    return QuotedString(open: open, contentEnd: position, isClosed: false, quote: quote)
  }

  /// Whether the closing quote stands where a string can end: not right before a letter or
  /// digit, as the apostrophe of "don't" does.
  func hasPlausibleClose(in view: DecodedText) -> Bool {
    !isClosed || Self.canClose(at: contentEnd, in: view)
  }

  /// Whether a quote at `index` can end a string: nothing follows, or something that is no
  /// letter, digit or non-ASCII character.
  static func canClose(at index: Int, in view: DecodedText) -> Bool {
    guard let next = view.byte(at: index + 1) else { return true }
    return !TextScan.isWordByte(next) && next < 0x80
  }

  /// The first unescaped `quote` in `line`, when it can close a string.
  private static func closingQuote(_ quote: UInt8, in line: Range<Int>, of view: DecodedText)
    -> Int?
  {
    let stop = nextStop(of: quote, in: line, of: view)
    return stop < line.upperBound && view[stop] == quote && canClose(at: stop, in: view)
      ? stop : nil
  }

  /// The index of the first unescaped `quote` or line break in `range`, or its end. Every
  /// backslash escapes the byte after it.
  private static func nextStop(of quote: UInt8, in range: Range<Int>, of view: DecodedText) -> Int {
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = view[position]
      if byte == quote || TextScan.isLineBreak(byte) { return position }
      position += byte == UInt8(ascii: "\\") ? 2 : 1
    }
    return range.upperBound
  }
}
