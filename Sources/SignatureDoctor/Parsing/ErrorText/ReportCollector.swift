/// Walks a paste and its decoded strings and collects every message it finds, with its
/// wrapping.
///
/// The paste is first freed of terminal escapes and of the HTML layers its messages show
/// (the bottom view, whose origins are offsets in the paste). Every other view has its
/// origins in the bottom view's coordinates, so that lines, windows and prefixes are all
/// read in one text. At each anchor the walk asks whether the anchor sits in a quoted
/// string; if so it decodes that string once, walks it, and moves past it; if not, it reads
/// the message where it stands.
struct ReportCollector {
  /// A message found, with what the paste-wide steps need.
  struct Found {
    /// The report, without the status.
    var report: ServerReport
    /// The bytes of the bottom view that the message and what holds it occupy.
    var extent: Range<Int>
    /// The bytes of the bottom view that the message itself occupies.
    var core: Range<Int>
    /// Whether the message is the value of an `X-Cld-Error` header.
    var isHeader: Bool
    /// Whether only the opening words were found, in a sentence.
    var isMention: Bool
  }

  /// A quoted string the walk went into.
  fileprivate struct Frame {
    /// The string, in `view`.
    let string: QuotedString
    /// What it belongs to.
    let context: StringContext
    /// Whether any escape in it was decoded.
    let isDecoded: Bool
  }

  /// How many quoted strings inside one another the walk goes into; each level doubles the
  /// backslashes, so real pastes stop at three.
  private static let maximumStringDepth = 8
  /// How many opening quotes the walk tries for one anchor.
  private static let maximumCandidates = 8
  /// What may stand before the opening quote of a value.
  private static let valueOpeners = TextScan.ByteSet(":=>([{,-|")
  /// What may follow a message on the last line of a wrap.
  private static let wrapEnders = TextScan.ByteSet(#".,;"')]}"#)
  /// How many bytes the walk may look at, over the whole paste, to decide whether lines
  /// were wrapped; past it, every line break ends what it cuts.
  private static let wrapBudget = 1 << 20

  /// The paste without its terminal escapes and with its HTML layers decoded; its origins
  /// are paste offsets.
  let bottom: DecodedText
  /// The bottom view's bytes as a view of their own, each byte its own origin.
  let root: DecodedText
  /// The indices in the bottom view where an HTML entity was decoded.
  let entities: [Int]
  /// What was found, in the order found.
  var found: [Found] = []
  /// What is left of `wrapBudget`.
  private var wrapBudgetLeft = Self.wrapBudget

  /// Prepares to read `source`.
  init(source: SourceText) {
    let paste = DecodedText(identity: source.bytes)
    let visible = TerminalEscapes.strip(paste) ?? paste
    bottom = HTMLLayers.decode(visible) ?? visible
    // NB: below the walk, only entities decode bytes; terminal escapes only drop them.
    entities = bottom.decodedStarts
    root = DecodedText(identity: bottom.bytes)
  }

  /// Finds every message in the paste.
  mutating func collect() {
    walk(root, frames: [], rootLowerBound: 0)
  }
}

// MARK: - Walking

private extension ReportCollector {
  /// Reads the messages of `view`, going into the strings that hold them.
  ///
  /// - Parameters:
  ///   - view: The view to read.
  ///   - frames: The strings around `view`, outermost first.
  ///   - rootLowerBound: Where the walk of the root view stood when it went into the
  ///     outermost string; nothing before it belongs to this message.
  mutating func walk(_ view: DecodedText, frames: [Frame], rootLowerBound: Int) {
    var position = 0
    var rejected: Set<Int> = []
    var lineEnd = -1
    while let match = MessageAnchor.next(in: view, from: position) {
      // NB: the line end found for an earlier anchor serves every anchor before it, so a
      // long line of messages is not scanned once per message.
      if lineEnd < match.range.upperBound {
        lineEnd = TextScan.lineEnd(in: view, from: match.range.upperBound)
      }
      let lowerBound = frames.isEmpty ? position : rootLowerBound
      // NB: the depth is bounded, so this recursion is too, whatever the input.
      if frames.count < Self.maximumStringDepth,
        let string = enclosingString(
          of: match, in: view, lowerBound: position, rejected: &rejected, isRoot: frames.isEmpty)
      {
        let context = StringContext.classify(string, in: view, lowerBound: position)
        let decodes =
          context.role != .plain || context.isLiteral
          || EscapeDecoder.hasLayerEscape(string.content, in: view)
        let decoded = EscapeDecoder.decode(
          string.content,
          of: view,
          quote: string.quote,
          decodesEscapes: decodes,
          stripsMarkers: frames.isEmpty && TextScan.isQuotedLine(in: view, at: string.open)
        )
        let frame = Frame(string: string, context: context, isDecoded: decoded.escapeCount > 0)
        walk(decoded.text, frames: frames + [frame], rootLowerBound: lowerBound)
        position = string.end
        continue
      }
      let end = readBare(
        match,
        in: view,
        lineEnd: lineEnd,
        frames: frames,
        lowerBound: lowerBound,
        viewLowerBound: position
      )
      position = max(end, match.range.upperBound)
    }
  }

  /// The outermost quoted string around `match` on its line: a quote before the anchor that
  /// opens a value and whose string reaches past the anchor, or, when a string of the other
  /// quote kind opens further back and holds that one, the outer string. A `"` string inside
  /// a `'` string is not escaped at the outer level, so it can only be read once the outer
  /// one is decoded.
  mutating func enclosingString(
    of match: MessageAnchor.Match,
    in view: DecodedText,
    lowerBound: Int,
    rejected: inout Set<Int>,
    isRoot: Bool
  ) -> QuotedString? {
    let bound = max(lowerBound, match.range.lowerBound - TextScan.lookBehind)
    var position = match.range.lowerBound
    var tried = 0
    var outermost: QuotedString?
    while position > bound, tried < Self.maximumCandidates {
      position -= 1
      let byte = view[position]
      if TextScan.isLineBreak(byte) { break }
      guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), byte != outermost?.quote,
        !rejected.contains(position), !isEscaped(position, in: view, lowerBound: bound),
        opensValue(position, in: view, lowerBound: lowerBound)
      else { continue }
      tried += 1
      var budget: Int? = isRoot ? wrapBudgetLeft : nil
      let string = QuotedString.scan(in: view, openingAt: position, wrapBudget: &budget)
      wrapBudgetLeft = budget ?? wrapBudgetLeft
      let holdsAnchor =
        string.contentEnd >= match.range.upperBound && string.hasPlausibleClose(in: view)
      if holdsAnchor, outermost.map({ string.contentEnd >= $0.end }) ?? true {
        outermost = string
      } else {
        rejected.insert(position)
      }
    }
    return outermost
  }

  /// Whether an odd number of backslashes stands before `index`.
  func isEscaped(_ index: Int, in view: DecodedText, lowerBound: Int) -> Bool {
    var position = index
    while position > lowerBound, view[position - 1] == UInt8(ascii: "\\") { position -= 1 }
    return !(index - position).isMultiple(of: 2)
  }

  /// Whether a quote at `index` stands where a value begins: at the start of a line or of
  /// the text, or after `:`, `=`, `=>`, `(`, `[`, `{`, `,`, `-` or `|`.
  func opensValue(_ index: Int, in view: DecodedText, lowerBound: Int) -> Bool {
    var position = index
    while position > lowerBound, TextScan.isBlank(view[position - 1]) { position -= 1 }
    guard position > lowerBound else { return true }
    let before = view[position - 1]
    if TextScan.isLineBreak(before) || TextScan.isQuoteMarker(in: view, at: position - 1) {
      return true
    }
    return Self.valueOpeners.contains(before)
  }

  /// Reads a message that stands outside any string of `view`, and returns where it ends
  /// in `view`.
  ///
  /// In the root view, a string to sign cut at the end of a long line is joined with the
  /// lines that finish it, and a message that carries escapes only a string layer writes
  /// (`\"`, `\\`) went through one whose quotes were not copied, and is decoded once. Inside
  /// a decoded string, nothing is decoded again.
  mutating func readBare(
    _ match: MessageAnchor.Match,
    in view: DecodedText,
    lineEnd: Int,
    frames: [Frame],
    lowerBound: Int,
    viewLowerBound: Int
  ) -> Int {
    var text = view
    // NB: inside a decoded string a line break is a value's, decoded from an escape; the
    // string's own end bounds the string to sign.
    let enclosure = frames.last.map {
      MessageGrammar.Enclosure(end: view.count, isMessageString: $0.context.role != .plain)
    }
    guard
      var message = read(
        match.anchor, in: view, from: match.range.lowerBound, to: lineEnd, enclosure: enclosure)
    else {
      return match.range.upperBound
    }
    // The grammar may start the message at later opening words than the anchor's.
    let start = message.range.lowerBound
    var endInView = message.range.upperBound

    let isIncomplete =
      message.kind == .invalidSignature && (message.hasOpenQuote || message.stringToSign == nil)
    if frames.isEmpty, isIncomplete, let joined = joinedMessage(match, in: view, lineEnd: lineEnd) {
      (text, message) = (joined.text, joined.message)
      endInView = joined.end
    }

    // NB: only text that no decoded string holds may carry a layer of its own; inside a
    // string the escapes that are left are the message's, and decoding them again would
    // decode one layer twice. A header's value on its own line went through no string.
    let namesHeader = StringContext.namesHeader(
      before: start, in: view, lowerBound: viewLowerBound)
    var isLayerDecoded = false
    if frames.isEmpty, !namesHeader, EscapeDecoder.hasLayerEscape(message.range, in: text) {
      let decoded = EscapeDecoder.decode(
        message.range, of: text, quote: nil, decodesEscapes: true, stripsMarkers: false)
      if let redone = read(match.anchor, in: decoded.text, from: 0, to: decoded.text.count) {
        (text, message) = (decoded.text, redone)
        // NB: `endInView` stays as the undecoded reading found it: escapes such as `\"`
        // never move the quote that closes a string to sign.
        isLayerDecoded = true
      }
    }

    let inner = TextScan.lineStart(in: view, before: start, lowerBound: viewLowerBound)
    var wrapping = Wrapping(lowerBound: lowerBound)
    wrapping.strings = frames.map { ($0.context.role, $0.isDecoded) }
    wrapping.container = frames.first.map { $0.context.containerStart..<$0.string.end }
    wrapping.isLayerDecoded = isLayerDecoded
    wrapping.isHeader = frames.last?.context.role == .header || namesHeader
    wrapping.hasInnerPrefix = TextScan.containsWord(inner..<start, in: view)
    store(message, in: text, wrapping: wrapping)
    return endInView
  }

  /// The message joined with the lines a mail client broke off it, when they complete its
  /// string to sign: the joined text, the message, and where it ends in `view`. A line that
  /// opens another message is never joined.
  mutating func joinedMessage(
    _ match: MessageAnchor.Match,
    in view: DecodedText,
    lineEnd: Int
  ) -> (text: DecodedText, message: MessageGrammar.Message, end: Int)? {
    guard lineEnd - match.range.lowerBound <= LineWrap.maximumBytes,
      var lines = LineWrap.Lines(in: view, breakAt: lineEnd)
    else { return nil }
    var joined = DecodedText(endingAt: view.origin(of: lineEnd))
    joined.appendCopy(of: match.range.lowerBound..<lineEnd, in: view)
    while let line = lines.next(budget: &wrapBudgetLeft) {
      guard
        MessageAnchor.next(in: view, from: line.text.lowerBound, to: line.text.upperBound) == nil
      else { return nil }
      joined.noteJoinedBreak(at: line.breakIndex, in: view)
      joined.appendCopy(of: line.text, in: view)
      joined.endOrigin = view.origin(of: line.text.upperBound)
      guard view.bytes[line.text].contains(UInt8(ascii: "'")),
        let message = read(match.anchor, in: joined, from: 0, to: joined.count),
        message.stringToSign != nil, !message.isTruncated,
        joined.bytes[message.range.upperBound...].allSatisfy(Self.endsWrappedLine)
      else { continue }
      return (joined, message, line.text.upperBound)
    }
    return nil
  }

  /// Whether a byte may follow a message on the last line of a wrap: white space and
  /// closing punctuation, not the words of a sentence that merely holds a quote.
  static func endsWrappedLine(_ byte: UInt8) -> Bool {
    TextScan.isSpace(byte) || wrapEnders.contains(byte)
  }

  /// Reads the message at `start`, whose anchor's words are unchanged by any decoding; see
  /// `MessageGrammar.read` for `enclosure`.
  func read(
    _ anchor: MessageAnchor,
    in text: DecodedText,
    from start: Int,
    to end: Int,
    enclosure: MessageGrammar.Enclosure? = nil
  ) -> MessageGrammar.Message? {
    guard let anchorEnd = anchor.phrase.match(in: text, at: start, end: end) else { return nil }
    let match = MessageAnchor.Match(anchor: anchor, range: start..<anchorEnd)
    return MessageGrammar.read(match, in: text, end: end, enclosure: enclosure) {
      var position = text.origin(of: end)
      while position < root.count, TextScan.isSpace(root[position]) { position += 1 }
      return position == root.count
    }
  }
}
