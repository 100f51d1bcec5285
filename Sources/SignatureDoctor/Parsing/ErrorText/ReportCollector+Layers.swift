// Turning one message read in a view into a report: text and origins in the paste, span,
// and the layers it travelled in.

extension ReportCollector {
  /// The layer names, from outermost to innermost.
  enum Layer {
    static let quotedReply = "quoted-reply"
    static let lineWrapped = "line-wrapped"
    static let htmlEscaped = "html-escaped"
    static let logPrefix = "log-prefix"
    static let jsonString = "json-string"
    static let jsonEnvelope = "json-envelope"
    static let nodeInspect = "node-inspect"
    static let widgetEvent = "widget-event"
    static let header = "x-cld-error"
  }

  /// The wrapping of a message read in a view: the strings around it and what the reader
  /// saw next to it.
  struct Wrapping {
    /// The strings around the message, outermost first, with whether each was decoded.
    var strings: [(role: StringContext.Role, isDecoded: Bool)] = []
    /// The bottom-view bytes of the outermost string and what holds it (its object, its
    /// key); `nil` when no string holds the message.
    var container: Range<Int>?
    /// Whether the message itself went through a string layer whose quotes were not copied.
    var isLayerDecoded = false
    /// Whether it is the value of an `X-Cld-Error` header.
    var isHeader = false
    /// Whether words stand before the message inside its string or on its line.
    var hasInnerPrefix = false
    /// Nothing before this index of the bottom view belongs to the message.
    var lowerBound: Int
  }

  /// Makes the report for `message`, read in `text`, and stores it.
  mutating func store(_ message: MessageGrammar.Message, in text: DecodedText, wrapping: Wrapping) {
    let spanStart = text.origin(of: message.range.lowerBound)
    let spanEnd = max(text.origin(of: message.range.upperBound), spanStart)
    let extent =
      wrapping.container.map { min($0.lowerBound, spanStart)..<max($0.upperBound, spanEnd) }
      ?? spanStart..<spanEnd
    let report = ServerReport(
      kind: message.kind,
      signature: message.signature.map { text.mappedText($0, through: bottom) },
      stringToSign: message.stringToSign.map { text.mappedText($0, through: bottom) },
      isTruncated: message.isTruncated,
      reportedTime: message.reportedTime,
      parameter: message.parameter,
      apiKey: message.apiKey,
      cloudName: message.cloudName,
      layers: layers(
        of: wrapping, span: spanStart..<spanEnd, extent: extent, joinedBreaks: text.joinedBreaks),
      span: bottom.origin(of: spanStart)..<bottom.origin(of: spanEnd)
    )
    found.append(
      Found(
        report: report, extent: extent, core: spanStart..<spanEnd, isHeader: wrapping.isHeader,
        isMention: message.isMention))
  }

  /// The layers of a message whose span and extent are given in the bottom view.
  func layers(of wrapping: Wrapping, span: Range<Int>, extent: Range<Int>, joinedBreaks: [Int])
    -> [String]
  {
    var layers: [String] = []
    if TextScan.isQuotedLine(in: root, at: extent.lowerBound) { layers.append(Layer.quotedReply) }
    if joinedBreaks.contains(where: span.contains) { layers.append(Layer.lineWrapped) }
    if contains(entities, within: extent) { layers.append(Layer.htmlEscaped) }
    let innermostRole = wrapping.strings.last?.role
    let prefixInside = wrapping.hasInnerPrefix && innermostRole != .widgetEvent
    if !wrapping.isHeader,
      prefixInside || hasLogPrefix(before: extent.lowerBound, lowerBound: wrapping.lowerBound)
    {
      layers.append(Layer.logPrefix)
    }
    for string in wrapping.strings {
      switch string.role {
      case .envelope: layers.append(Layer.jsonEnvelope)
      case .nodeInspect: layers.append(Layer.nodeInspect)
      case .widgetEvent: layers.append(Layer.widgetEvent)
      case .header, .plain: if string.isDecoded { layers.append(Layer.jsonString) }
      }
    }
    if wrapping.isLayerDecoded { layers.append(Layer.jsonString) }
    if wrapping.isHeader { layers.append(Layer.header) }
    return layers
  }

  /// Whether words of a log line stand before `start` on its line, or, when nothing does,
  /// whether the line before is an error line that introduces what follows: it names an
  /// error or a failure and ends with `:`, `-` or a status.
  func hasLogPrefix(before start: Int, lowerBound: Int) -> Bool {
    let lineStart = TextScan.lineStart(in: root, before: start, lowerBound: lowerBound)
    let prefixStart = max(lineStart, start - 256)
    if hasLogWords(prefixStart..<start) { return true }
    guard lineStart > lowerBound, lineStart == prefixStart else { return false }
    let previousStart = TextScan.lineStart(in: root, before: lineStart - 1, lowerBound: lowerBound)
    let previous = TextScan.trimmed(max(previousStart, lineStart - 257)..<lineStart - 1, in: root)
    guard let last = previous.last,
      Self.errorWords.contains(where: {
        $0.firstMatch(in: root, from: previous.lowerBound, to: previous.upperBound) != nil
      })
    else { return false }
    return root[last] == UInt8(ascii: ":") || root[last] == UInt8(ascii: "-")
      || HTTPStatusFinder.leadingStatus(before: lineStart, in: root, lowerBound: lowerBound) != nil
  }

  /// Words that make a line an error line.
  private static let errorWords = [Phrase("error"), Phrase("fail"), Phrase("exception")]

  /// Whether `range` holds words of a log line: a word with a letter, or a number of four
  /// digits or more (a date), outside quoted strings and HTML tags. The keys, strings and
  /// numbers of a JSON document around a message are no log line.
  func hasLogWords(_ range: Range<Int>) -> Bool {
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = root[position]
      let previous = position > range.lowerBound ? root[position - 1] : 0x20
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "<"):
        position = skipQuoted(
          from: position, closing: byte == UInt8(ascii: "<") ? UInt8(ascii: ">") : byte, in: range)
      case UInt8(ascii: "'") where !TextScan.isLetter(previous):
        position = skipQuoted(from: position, closing: byte, in: range)
      case _ where TextScan.isLetter(byte):
        return true
      case _ where TextScan.isDigit(byte):
        var end = position
        while end < range.upperBound, TextScan.isDigit(root[end]) { end += 1 }
        if end - position >= 4, previous != UInt8(ascii: ":"), previous != UInt8(ascii: "=") {
          return true
        }
        position = end
      default:
        position += 1
      }
    }
    return false
  }

  /// The index past the `closing` byte that ends what opens at `index`, or the end of
  /// `range`.
  func skipQuoted(from index: Int, closing: UInt8, in range: Range<Int>) -> Int {
    root.bytes[index + 1..<range.upperBound].firstIndex(of: closing).map { $0 + 1 }
      ?? range.upperBound
  }

  /// Whether a sorted list of indices has one within `range`.
  func contains(_ sorted: [Int], within range: Range<Int>) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] < range.upperBound
  }
}
