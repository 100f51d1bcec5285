/// Decides, message by message, how many times a paste was HTML-escaped, and decodes each
/// part of it that many times.
///
/// A paste may hold entities of its own (a caption sent as `Tom &amp; Jerry`) or entities a
/// web page wrote, once or twice over (`&#39;`, `&amp;#39;`). The message's own syntax
/// decides, read in the paste decoded once: the quote before its opening words and the one
/// that opens its string to sign, the blanks between its words (`&nbsp;`), and, where that
/// quote was left as typed, the `&` between the pairs of its string to sign. Each shows how
/// many layers wrote it; the deepest decides, and each layer is decoded once. Straight
/// quotes and a raw `&` between pairs show none, so their entities stay. A message whose
/// syntax shows nothing goes with the message before it, or else after it; a paste where no
/// message shows anything is decoded once when it holds an escaped quote or `&nbsp;`. Where
/// the depth changes between two messages, the parts meet at the first line break after
/// the earlier one.
///
/// ```
/// {&amp;quot;message&amp;quot;:&amp;quot;Invalid Signature … - &amp;#39;a=1&amp;amp;b=2
/// ```
/// is decoded twice, into `{"message":"Invalid Signature … - 'a=1&b=2`; and
/// `{"message":"Invalid Signature … - 'caption=Tom &amp; Jerry&b=2'."}` not at all.
enum HTMLLayers {
  /// The most layers decoded: far more than any page writes.
  static let maximumDepth = 4
  /// How far after the opening words the reader looks at a message's syntax.
  private static let syntaxReach = 4096
  /// How far back on its line a message's prefix is looked through for an escaped quote.
  private static let prefixReach = 256
  /// How many `&` between pairs are looked at in one string to sign.
  private static let maximumDelimiters = 32

  /// A message's opening words, at an index of the text, with the depth its syntax shows.
  fileprivate struct Mark {
    /// Where the opening words start, in the text being decoded.
    let position: Int
    /// The layers the syntax shows, or `nil` when it shows nothing.
    let depth: Int?
  }

  /// `text` with each part decoded as many times as its messages show, or `nil` when no
  /// part is to be decoded.
  static func decode(_ text: DecodedText) -> DecodedText? {
    let plain = DecodedText(identity: text.bytes)
    guard let once = HTMLEntities.decode(plain) else { return nil }
    let regions = regions(of: marks(in: once), in: plain, fallback: fallbackDepth(of: once))
    guard regions.contains(where: { $0.depth > 0 }) else { return nil }

    var view = DecodedText(endingAt: text.endOrigin)
    view.inheritJoinedBreaks(of: text)
    for region in regions {
      var part = DecodedText(endingAt: text.origin(of: region.range.upperBound))
      part.appendCopy(of: region.range, in: text)
      for _ in 0..<region.depth {
        guard let decoded = HTMLEntities.decode(part) else { break }
        part = decoded
      }
      view.appendCopy(of: 0..<part.count, in: part)
    }
    return view
  }
}

// MARK: - Reading the syntax

private extension HTMLLayers {
  /// The messages of `once`, the text decoded once whose origins are indices of the text.
  static func marks(in once: DecodedText) -> [Mark] {
    var marks: [Mark] = []
    var position = 0
    while let match = MessageAnchor.next(in: once, from: position) {
      marks.append(
        Mark(position: once.origin(of: match.range.lowerBound), depth: depth(of: match, in: once)))
      position = match.range.upperBound
    }
    return marks
  }

  /// The layers the syntax of the message at `match` shows, or `nil` when it shows none.
  static func depth(of match: MessageAnchor.Match, in view: DecodedText) -> Int? {
    var signals: [Int] = []
    if match.range.contains(where: view.isDecoded) { signals.append(1) }
    if let quote = quoteBefore(match.range.lowerBound, in: view) { signals.append(quote) }
    guard match.anchor == .invalidSignature else { return signals.max() }

    let limit = lineEnd(in: view, from: match.range.upperBound)
    guard
      let phrase = MessageGrammar.Reader.stringToSign.firstMatch(
        in: view, from: match.range.upperBound,
        to: min(limit, match.range.upperBound + MessageGrammar.signatureReach + 16))
    else { return signals.max() }
    var position = TextScan.skipUnicodeBlanks(in: view, from: phrase.upperBound, to: limit)
    if position < limit, view[position] == UInt8(ascii: "-") || view[position] == UInt8(ascii: ":")
    {
      position = TextScan.skipUnicodeBlanks(in: view, from: position + 1, to: limit)
    }
    if (phrase.upperBound..<position).contains(where: view.isDecoded) { signals.append(1) }
    while position < limit, view[position] == UInt8(ascii: "\\") { position += 1 }
    // NB: an escaped quote decides for the string to sign; only where the quote is as
    // typed, which a page that escapes `"` alone leaves it, do the `&` between pairs tell.
    let quote = quoteDepth(at: position, in: view)
    if let quote, quote > 0 {
      signals.append(quote)
    } else if let delimiters = delimiterDepth(in: position..<limit, of: view) {
      signals.append(delimiters)
    } else if let quote {
      signals.append(quote)
    }
    return signals.max()
  }

  /// The end of the line holding `index`, looking no further than `syntaxReach`.
  static func lineEnd(in view: DecodedText, from index: Int) -> Int {
    let limit = min(view.count, index + syntaxReach)
    var position = index
    while position < limit, !TextScan.isLineBreak(view[position]) { position += 1 }
    return position
  }

  /// The layers of the quote or entity that ends right before `index`, when one does; or
  /// else of the nearest escaped quote before it on its line, which opens the string that
  /// holds a prefix and the message (`&#39;Error: upload failed - Unknown API key …`).
  static func quoteBefore(_ index: Int, in view: DecodedText) -> Int? {
    if let last = view.byte(at: index - 1),
      last == UInt8(ascii: "\"") || last == UInt8(ascii: "'")
    {
      return quoteDepth(at: index - 1, in: view)
    }
    var position = index
    while position > max(0, index - prefixReach), !TextScan.isLineBreak(view[position - 1]) {
      position -= 1
      let byte = view[position]
      guard byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"),
        let depth = quoteDepth(at: position, in: view), depth > 0
      else { continue }
      return depth
    }
    return nil
  }

  /// The layers that wrote the quote at `index`: 0 for a quote as typed, 1 for a quote
  /// decoded from an entity, and for an entity still standing (its `&` decoded from `&amp;`)
  /// 2 plus one for each further `amp;`.
  static func quoteDepth(at index: Int, in view: DecodedText) -> Int? {
    guard let byte = view.byte(at: index) else { return nil }
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      return view.isDecoded(index) ? 1 : 0
    }
    guard byte == UInt8(ascii: "&"), view.isDecoded(index) else { return nil }
    var position = index + 1
    var chain = 0
    while TextScan.hasWord(Self.ampBody, in: view, at: position) {
      chain += 1
      position += Self.ampBody.count
    }
    guard let (scalar, _) = HTMLEntities.body(in: view, at: position),
      scalar == "\"" || scalar == "'"
    else { return nil }
    return chain + 2
  }

  /// The fewest layers among the `&` that join pairs (`&key=`) in `range`, the string to
  /// sign and what follows it on its line: one raw `&timestamp=` shows the string was never
  /// escaped, whatever entities its values hold.
  static func delimiterDepth(in range: Range<Int>, of view: DecodedText) -> Int? {
    var fewest: Int?
    var seen = 0
    for index in range where view[index] == UInt8(ascii: "&") && seen < maximumDelimiters {
      var position = index + 1
      var depth = view.isDecoded(index) ? 1 : 0
      while TextScan.hasWord(Self.ampBody, in: view, at: position) {
        depth += 1
        position += Self.ampBody.count
      }
      let keyStart = position
      while position < range.upperBound, isKeyByte(view[position]) { position += 1 }
      guard position > keyStart, view.byte(at: position) == UInt8(ascii: "=") else { continue }
      seen += 1
      fewest = min(fewest ?? depth, depth)
    }
    return fewest
  }

  /// The body of `&amp;` after its `&`.
  static let ampBody = Array("amp;".utf8)

  /// Whether a byte may belong to a parameter name.
  static func isKeyByte(_ byte: UInt8) -> Bool {
    TextScan.isWordByte(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
  }

  /// The depth for a paste where no message shows one: that of its most escaped quote, or
  /// 1 for a no-break space, which only a page writes between words; else 0.
  static func fallbackDepth(of once: DecodedText) -> Int {
    var deepest = 0
    for start in once.decodedStarts where deepest < maximumDepth {
      let depth = once[start] == 0xC2 ? 1 : quoteDepth(at: start, in: once) ?? 0
      deepest = max(deepest, depth)
    }
    return deepest
  }
}

// MARK: - Parts

private extension HTMLLayers {
  /// A part of the text and how many times it is decoded.
  struct Region {
    let range: Range<Int>
    let depth: Int
  }

  /// The parts of `text`, one per run of messages of one depth.
  static func regions(of marks: [Mark], in text: DecodedText, fallback: Int) -> [Region] {
    var depths = marks.map(\.depth)
    var last: Int?
    for index in depths.indices {
      if let depth = depths[index] { last = depth } else { depths[index] = last }
    }
    var next: Int?
    for index in depths.indices.reversed() {
      if let depth = marks[index].depth { next = depth } else if depths[index] == nil {
        depths[index] = next
      }
    }
    let resolved = depths.map { min($0 ?? fallback, maximumDepth) }
    guard var current = resolved.first else {
      return [Region(range: 0..<text.count, depth: min(fallback, maximumDepth))]
    }

    var regions: [Region] = []
    var start = 0
    for index in resolved.indices.dropFirst() where resolved[index] != current {
      let boundary = self.boundary(
        after: marks[index - 1].position, before: marks[index].position, in: text)
      regions.append(Region(range: start..<boundary, depth: current))
      (start, current) = (boundary, resolved[index])
    }
    regions.append(Region(range: start..<text.count, depth: current))
    return regions
  }

  /// Where a part that ends after the message at `earlier` meets the next, which starts
  /// at `later`: after the first line break between them, or at `later`.
  static func boundary(after earlier: Int, before later: Int, in text: DecodedText) -> Int {
    var position = earlier
    while position < later, !TextScan.isLineBreak(text[position]) { position += 1 }
    guard position < later else { return later }
    if text[position] == 0x0D, text.byte(at: position + 1) == 0x0A { position += 1 }
    return min(position + 1, later)
  }
}
