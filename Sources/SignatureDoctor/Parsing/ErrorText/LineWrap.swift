/// Lines that a mail client broke in the middle of a message, and how to join them again.
///
/// A line counts as broken when it is long (mail clients wrap near 72 to 78 columns) and the
/// lines after it, each long as well, reach the end of what was cut: a closing quote. A short
/// line, a blank line or too many lines mean the text simply stops there.
///
/// ```
/// > String to sign - 'context=checksum=abc\=\=|key=variants/ab
/// > c123&timestamp=1583230000'.
/// ```
/// joins to `String to sign - 'context=checksum=abc\=\=|key=variants/abc123&timestamp=…'.`
enum LineWrap {
  /// The shortest line taken for one a mail client broke.
  static let shortestBrokenLine = 50
  /// The most lines one break may reach across.
  static let maximumLines = 64
  /// The most bytes one break may reach across.
  static let maximumBytes = 8192

  /// Where the line after the break at `index` starts, past the break and, when
  /// `stripsMarkers`, past the mail quote markers and the blank after them.
  static func continuationStart(in view: DecodedText, afterBreakAt index: Int, stripsMarkers: Bool)
    -> Int
  {
    var position = index
    if view.byte(at: position) == 0x0D { position += 1 }
    if view.byte(at: position) == 0x0A { position += 1 }
    guard stripsMarkers else { return position }
    var markerEnd = position
    while markerEnd < view.count {
      let byte = view[markerEnd]
      guard TextScan.isBlank(byte) || byte == UInt8(ascii: ">") else { break }
      markerEnd += 1
    }
    guard let lastMarker = view.bytes[position..<markerEnd].lastIndex(of: UInt8(ascii: ">")) else {
      return position
    }
    let afterMarker = lastMarker + 1
    return view.byte(at: afterMarker).map(TextScan.isBlank) == true ? afterMarker + 1 : afterMarker
  }

  /// The lines after a break, one at a time, for as long as the text looks wrapped: each
  /// line before the next one is long, none is blank, and the limits are not reached.
  struct Lines {
    /// The view the lines stand in.
    let view: DecodedText
    /// Whether the lines lose their mail quote markers: the broken line is a quoted one.
    let stripsMarkers: Bool
    /// The break the lines follow.
    private let firstBreak: Int
    /// The break before the next line; past the end once the text stops looking wrapped.
    private var breakIndex: Int
    /// How many lines were given.
    private var count = 0

    /// The lines after the break at `index`, or `nil` when the line it ends is too short
    /// to have been broken by a mail client.
    init?(in view: DecodedText, breakAt index: Int) {
      let lineStart = TextScan.lineStart(
        in: view, before: index, limit: LineWrap.shortestBrokenLine)
      guard index - lineStart >= LineWrap.shortestBrokenLine else { return nil }
      self.view = view
      self.stripsMarkers = TextScan.isQuotedLine(in: view, at: index)
      self.firstBreak = index
      self.breakIndex = index
    }

    /// The next line's text, markers left out, and the break before it; `nil` once the
    /// text stops looking wrapped. Every byte looked at is taken from `budget`.
    mutating func next(budget: inout Int) -> (text: Range<Int>, breakIndex: Int)? {
      guard count < LineWrap.maximumLines, breakIndex < view.count else { return nil }
      let start = LineWrap.continuationStart(
        in: view, afterBreakAt: breakIndex, stripsMarkers: stripsMarkers)
      let end = TextScan.lineEnd(in: view, from: start)
      guard end - firstBreak <= LineWrap.maximumBytes, end - breakIndex <= budget,
        !TextScan.trimmed(start..<end, in: view).isEmpty
      else { return nil }
      budget -= end - breakIndex
      let line = (text: start..<end, breakIndex: breakIndex)
      let lineStart = TextScan.lineStart(
        in: view, before: start, limit: LineWrap.shortestBrokenLine)
      let isLong = end - lineStart >= LineWrap.shortestBrokenLine
      breakIndex = isLong ? end : view.count
      count += 1
      return line
    }
  }

  /// The end that `closes` finds on one of the lines after the break at `index`, while the
  /// text looks wrapped; `nil` when the text stops at the break. `closes` receives the text
  /// of one line, markers left out, and returns the index of the end it finds there.
  static func wrappedEnd(
    in view: DecodedText,
    breakAt index: Int,
    budget: inout Int,
    closes: (Range<Int>) -> Int?
  ) -> Int? {
    guard var lines = Lines(in: view, breakAt: index) else { return nil }
    while let line = lines.next(budget: &budget) {
      if let found = closes(line.text) { return found }
    }
    return nil
  }
}
