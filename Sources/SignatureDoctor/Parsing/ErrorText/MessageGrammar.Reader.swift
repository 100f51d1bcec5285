// The grammar of each message of the family, read from its anchor on.

extension MessageGrammar {
  /// Reads one message; `start` is the anchor, `after` just past it.
  struct Reader {
    /// The view the message stands in.
    let view: DecodedText
    /// Where the anchor starts.
    let start: Int
    /// Just past the anchor.
    let after: Int
    /// Where the message's text must stop.
    let end: Int

    /// The words between the signature and the string to sign.
    static let stringToSign = Phrase("string to sign", minimumGap: 0)
    /// The words before a stale request's time.
    static let reportedTimeIs = Array("reported time is ".utf8)
    /// Words that put the opening words inside a sentence when they stand before them.
    static let articles: Set<String> = ["a", "an", "the", "this", "that", "any", "no", "some"]
    /// The bytes of a time cut short: digits and its separators.
    static let timeBytes = TextScan.ByteSet(" -:+T")
    /// What ends a token after the opening words.
    static let tokenEnds = TextScan.ByteSet(#""'`,;)}\"#)
    /// Punctuation a token loses at its end.
    static let tokenTrailers = TextScan.ByteSet(".,:")

    /// Words that follow an anchor in a sentence, never a signature, key or cloud name.
    static let sentenceWords: Set<String> = [
      "error", "errors", "issue", "issues", "problem", "problems", "message", "messages",
      "exception", "response", "responses", "when", "while", "for", "in", "on", "with", "and",
      "or", "but", "is", "was", "are", "were", "that", "this", "the", "a", "an", "because",
      "if", "after", "before", "from", "again", "every", "each", "using", "since", "at", "to",
      "as", "it", "of", "happens", "occurs", "returned", "thrown", "even", "though", "although",
    ]

    /// "Invalid Signature X. String to sign - 'S'.", with or without the dash, the quotes or
    /// the final period; cut anywhere.
    func invalidSignature(reachesEndOfPaste: () -> Bool) -> Message {
      let phraseLimit = min(end, after + MessageGrammar.signatureReach + 16)
      guard let phrase = Self.stringToSign.firstMatch(in: view, from: after, to: phraseLimit) else {
        return signatureOnly(reachesEndOfPaste: reachesEndOfPaste)
      }
      var message = Message(kind: .invalidSignature, range: start..<phrase.upperBound)
      message.signature = signature(in: after..<phrase.lowerBound)
      let position =
        afterDash(from: phrase.upperBound)
        ?? TextScan.skipBlanks(in: view, from: phrase.upperBound, to: end)
      guard position < end, view[position] == UInt8(ascii: "'") else {
        // An unquoted string ("String to sign yyy") is taken as written.
        let rest = TextScan.trimmed(position..<end, in: view)
        message.stringToSign = rest.isEmpty ? nil : rest
        message.isTruncated = rest.isEmpty
        message.range = start..<max(rest.upperBound, phrase.upperBound)
        return message
      }
      let open = position + 1
      guard let close = MessageGrammar.stringToSignClose(in: view, within: open..<end) else {
        let rest = TextScan.trimmed(open..<end, in: view)
        message.stringToSign = open..<max(rest.upperBound, open)
        message.isTruncated = true
        message.hasOpenQuote = true
        message.range = start..<max(rest.upperBound, open)
        return message
      }
      message.stringToSign = open..<close
      let hasPeriod = close + 1 < end && view[close + 1] == UInt8(ascii: ".")
      message.range = start..<close + (hasPeriod ? 2 : 1)
      return message
    }

    /// "Invalid Signature" without "String to sign": a copy cut after the signature, or the
    /// words in a sentence.
    func signatureOnly(reachesEndOfPaste: () -> Bool) -> Message {
      var message = Message(kind: .invalidSignature, range: start..<after)
      if let token = token() {
        message.isMention = isSentenceWord(token)
        guard !message.isMention else { return message }
        message.signature = token
        message.isTruncated = true
        message.range = start..<token.upperBound
      } else {
        message.isTruncated = reachesEndOfPaste()
        message.isMention = !message.isTruncated
      }
      return message
    }

    /// "Stale request - reported time is T which is more than 1 hour ago".
    func staleRequest() -> Message {
      var message = Message(kind: .staleRequest, range: start..<after)
      guard let restStart = afterDash(from: after) else {
        message.isMention = isInSentence()
        return message
      }
      let rest = TextScan.trimmed(restStart..<end, in: view)
      let timeStart = rest.lowerBound + Self.reportedTimeIs.count
      if TextScan.hasWord(Self.reportedTimeIs, in: view, at: rest.lowerBound), timeStart <= end,
        let (time, timeEnd) = dateTime(at: TextScan.skipBlanks(in: view, from: timeStart, to: end))
      {
        message.reportedTime = time
        message.range = start..<tail(after: timeEnd)
        return message
      }
      message.isTruncated = isCutOffTime(rest)
      if message.isTruncated { message.range = start..<rest.upperBound }
      return message
    }

    /// "Missing required parameter - X".
    func missingParameter() -> Message {
      var message = Message(kind: .missingParameter, range: start..<after)
      let dashEnd = afterDash(from: after)
      let hasDash = dashEnd != nil
      let position = dashEnd ?? TextScan.skipBlanks(in: view, from: after, to: end)
      var nameEnd = position
      while nameEnd < end, Self.isParameterByte(view[nameEnd]) { nameEnd += 1 }
      let name = position..<nameEnd
      if !name.isEmpty, hasDash || !isSentenceWord(name) {
        message.parameter = view.string(name)
        message.range = start..<nameEnd
      } else if hasDash, TextScan.trimmed(position..<end, in: view).isEmpty {
        message.isTruncated = true
      } else if !hasDash {
        message.isMention = isInSentence()
      }
      return message
    }

    /// The preset messages: their words after "Upload preset", their kind, and their end.
    static let presetForms: [(Phrase, ServerReport.Kind, Phrase)] = [
      (Phrase("must be whitelisted"), .presetNotWhitelisted, Phrase("for unsigned upload")),
      (Phrase("must be specified"), .presetRequired, Phrase("when using unsigned upload")),
      (Phrase("must specify"), .presetRequired, Phrase("upload preset when using unsigned upload")),
    ]
    /// The words after a stale request's time, and the last of them.
    static let staleTail = (Phrase("which is more than"), Phrase("ago"))

    /// "Upload preset must be whitelisted …" and "Upload preset must be specified …", or
    /// `nil` for other words after "Upload preset".
    func uploadPreset() -> Message? {
      let position = TextScan.skipBlanks(in: view, from: after, to: end)
      for (opening, kind, closing) in Self.presetForms {
        guard position > after, let openingEnd = opening.match(in: view, at: position, end: end)
        else { continue }
        var messageEnd = openingEnd
        let closingStart = TextScan.skipBlanks(in: view, from: openingEnd, to: end)
        if closingStart > openingEnd,
          let closingEnd = closing.match(in: view, at: closingStart, end: end)
        {
          messageEnd =
            closingEnd < end && view[closingEnd] | 0x20 == UInt8(ascii: "s")
            ? closingEnd + 1 : closingEnd
        }
        return Message(kind: kind, range: start..<messageEnd)
      }
      return nil
    }

    /// "Unknown API key X" and "Invalid cloud_name X": X may be empty, and is kept as written.
    func namedValue(_ kind: ServerReport.Kind) -> Message {
      var message = Message(kind: kind, range: start..<after)
      var value = ""
      if after < end, TextScan.isBlank(view[after]), let token = token() {
        if isSentenceWord(token) {
          message.isMention = true
          return message
        }
        value = view.string(token)
        message.range = start..<token.upperBound
      }
      if kind == .unknownAPIKey { message.apiKey = value } else { message.cloudName = value }
      return message
    }
  }
}

// MARK: - Pieces

private extension MessageGrammar.Reader {
  /// Where the text goes on after blanks, a `-` or `:` and blanks from `index`; `nil` when
  /// no dash stands there.
  func afterDash(from index: Int) -> Int? {
    let dash = TextScan.skipBlanks(in: view, from: index, to: end)
    guard dash < end, view[dash] == UInt8(ascii: "-") || view[dash] == UInt8(ascii: ":") else {
      return nil
    }
    return TextScan.skipBlanks(in: view, from: dash + 1, to: end)
  }

  /// The signature between the anchor and "String to sign": trimmed, without the period
  /// that ends its sentence. It may be empty. An ellipsis that stands for a hidden
  /// signature (`...`) is kept whole.
  func signature(in range: Range<Int>) -> Range<Int> {
    let trimmed = TextScan.trimmed(range, in: view)
    guard let last = trimmed.last, view[last] == UInt8(ascii: ".") else { return trimmed }
    let isEllipsis = trimmed.count >= 3 && trimmed.allSatisfy { view[$0] == UInt8(ascii: ".") }
    return isEllipsis ? trimmed : trimmed.lowerBound..<last
  }

  /// The first word after the anchor: everything up to white space or a closing quote,
  /// bracket or separator, without a final period or comma.
  func token() -> Range<Int>? {
    let tokenStart = TextScan.skipBlanks(in: view, from: after, to: end)
    var tokenEnd = tokenStart
    while tokenEnd < end, !TextScan.isSpace(view[tokenEnd]),
      !Self.tokenEnds.contains(view[tokenEnd])
    {
      tokenEnd += 1
    }
    while tokenEnd > tokenStart, Self.tokenTrailers.contains(view[tokenEnd - 1]) {
      tokenEnd -= 1
    }
    return tokenEnd > tokenStart ? tokenStart..<tokenEnd : nil
  }

  /// Whether the opening words stand inside a sentence: an article before them ("a stale
  /// request") or a word of a sentence after them ("stale request error").
  func isInSentence() -> Bool {
    var wordEnd = start
    while wordEnd > max(0, start - 8), TextScan.isBlank(view[wordEnd - 1]) { wordEnd -= 1 }
    var wordStart = wordEnd
    while wordStart > max(0, wordEnd - 5), TextScan.isLetter(view[wordStart - 1]) { wordStart -= 1 }
    let isWholeWord = wordStart == 0 || !TextScan.isWordByte(view[wordStart - 1])
    if wordEnd < start, wordStart < wordEnd, isWholeWord,
      Self.articles.contains(view.string(wordStart..<wordEnd).lowercased())
    {
      return true
    }
    return token().map(isSentenceWord) ?? false
  }

  /// Whether a token reads as a word of a sentence rather than a value.
  func isSentenceWord(_ token: Range<Int>) -> Bool {
    let first = view[token.lowerBound]
    if first == UInt8(ascii: "(") || first == UInt8(ascii: "-") { return true }
    return token.count <= 12 && Self.sentenceWords.contains(view.string(token).lowercased())
  }

  /// Whether a byte belongs to a parameter name (`api_key`, `context[alt]`).
  static func isParameterByte(_ byte: UInt8) -> Bool {
    TextScan.isWordByte(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
  }

  /// Reads `YYYY-MM-DD HH:MM:SS` and an optional offset (`+0000`, `-05:00`, `Z`, `UTC`).
  func dateTime(at index: Int) -> (Int, Int)? {
    let pattern = Array("dddd-dd-dd dd:dd:dd".utf8)
    guard index + pattern.count <= end else { return nil }
    for (offset, expected) in pattern.enumerated() {
      let byte = view[index + offset]
      switch expected {
      case UInt8(ascii: "d"): guard TextScan.isDigit(byte) else { return nil }
      case UInt8(ascii: " "):
        guard byte == UInt8(ascii: " ") || byte | 0x20 == UInt8(ascii: "t") else { return nil }
      default: guard byte == expected else { return nil }
      }
    }
    func number(_ offset: Int, _ digits: Int) -> Int {
      Int(view.string(index + offset..<index + offset + digits)) ?? -1
    }
    let (utcOffset, timeEnd) = utcOffset(at: index + pattern.count)
    let time = CivilTime(
      year: number(0, 4), month: number(5, 2), day: number(8, 2),
      hour: number(11, 2), minute: number(14, 2), second: number(17, 2), utcOffset: utcOffset
    )
    return time.unixTime.map { ($0, timeEnd) }
  }

  /// The offset after a time, in seconds, and where it ends; zero where none is written.
  func utcOffset(at index: Int) -> (Int, Int) {
    let position = TextScan.skipBlanks(in: view, from: index, to: end)
    guard position < end else { return (0, index) }
    let sign = view[position]
    if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      var digits: [Int] = []
      var cursor = position + 1
      while cursor < end, digits.count < 4 {
        if TextScan.isDigit(view[cursor]) {
          digits.append(Int(view[cursor] - UInt8(ascii: "0")))
        } else if view[cursor] != UInt8(ascii: ":") || digits.count != 2 {
          break
        }
        cursor += 1
      }
      guard digits.count == 4 else { return (0, index) }
      let seconds = (digits[0] * 10 + digits[1]) * 3_600 + (digits[2] * 10 + digits[3]) * 60
      return (sign == UInt8(ascii: "-") ? -seconds : seconds, cursor)
    }
    for zone in ["utc", "gmt", "z"] where TextScan.hasWord(Array(zone.utf8), in: view, at: position)
    {
      let zoneEnd = position + zone.utf8.count
      if zoneEnd == end || !TextScan.isWordByte(view[zoneEnd]) { return (0, zoneEnd) }
    }
    return (0, index)
  }

  /// The end of "which is more than 1 hour ago" after the time, or `index` when it is not
  /// there.
  func tail(after index: Int) -> Int {
    let position = TextScan.skipBlanks(in: view, from: index, to: end)
    guard let which = Self.staleTail.0.match(in: view, at: position, end: end) else { return index }
    let limit = min(end, which + 24)
    guard let ago = Self.staleTail.1.firstMatch(in: view, from: which, to: limit) else {
      return which
    }
    return ago.upperBound
  }

  /// Whether `rest`, the text after "Stale request -", is the start of "reported time is"
  /// and a time, cut off before the time was complete.
  func isCutOffTime(_ rest: Range<Int>) -> Bool {
    let template = Self.reportedTimeIs
    let shared = min(rest.count, template.count)
    for offset in 0..<shared
    where TextScan.lowercased(view[rest.lowerBound + offset]) != template[offset] {
      return false
    }
    let timeText = rest.lowerBound + shared..<rest.upperBound
    return timeText.allSatisfy { index in
      let byte = view[index]
      return TextScan.isDigit(byte) || Self.timeBytes.contains(byte)
    }
  }
}
