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
    /// The decoded string that holds the message, when one does; see `MessageGrammar.read`.
    let enclosure: MessageGrammar.Enclosure?

    /// The words between the signature and the string to sign.
    static let stringToSign = Phrase("string to sign", minimumGap: 0)
    /// The words before a stale request's time.
    static let reportedTimeIs = Array("reported time is ".utf8)
    /// The same words, with any blanks between them.
    static let reportedTimePhrase = Phrase("reported time is")
    /// Words that put the opening words inside a sentence when they stand before them.
    static let articles: Set<String> = ["a", "an", "the", "this", "that", "any", "no", "some"]
    /// The bytes of a time cut short: digits and its separators.
    static let timeBytes = TextScan.ByteSet(" -:+T")
    /// What ends a token after the opening words.
    static let tokenEnds = TextScan.ByteSet(#""'`,;)}\"#)
    /// Punctuation a token loses at its end.
    static let tokenTrailers = TextScan.ByteSet(".,:")
    /// The longest quoted API key or cloud name read.
    static let quotedValueReach = 256
    /// The curly quote a word processor puts where a quoted string opens: ‘ (U+2018).
    static let curlyOpen: [UInt8] = [0xE2, 0x80, 0x98]
    /// The curly quote a word processor puts where a quoted string closes: ’ (U+2019).
    static let curlyClose: [UInt8] = [0xE2, 0x80, 0x99]

    /// Words that follow an anchor in a sentence, never a signature, key or cloud name.
    static let sentenceWords: Set<String> = [
      "error", "errors", "issue", "issues", "problem", "problems", "message", "messages",
      "exception", "response", "responses", "when", "while", "for", "in", "on", "with", "and",
      "or", "but", "is", "was", "are", "were", "that", "this", "the", "a", "an", "because",
      "if", "after", "before", "from", "again", "every", "each", "using", "since", "at", "to",
      "as", "it", "of", "happens", "occurs", "returned", "thrown", "even", "though", "although",
    ]

    /// "Invalid Signature X. String to sign - 'S'.", with or without the dash, the quotes or
    /// the final period; cut anywhere. Curly quotes (`‘S’`), which a word processor puts in,
    /// delimit the string as straight ones do.
    func invalidSignature(reachesEndOfPaste: () -> Bool) -> Message {
      let phraseLimit = min(end, after + MessageGrammar.signatureReach + 16)
      guard let phrase = Self.stringToSign.firstMatch(in: view, from: after, to: phraseLimit) else {
        return signatureOnly(reachesEndOfPaste: reachesEndOfPaste)
      }
      // NB: prose may name the message right before it ("Still seeing Invalid Signature:
      // Invalid Signature 3f78…"); the message starts at the opening words nearest to
      // "String to sign", and the search ends there, since none stand between.
      if let nearer = lastOpening(before: phrase.lowerBound) {
        let reader = Reader(
          view: view, start: nearer.lowerBound, after: nearer.upperBound, end: end,
          enclosure: enclosure)
        return reader.invalidSignature(reachesEndOfPaste: reachesEndOfPaste)
      }
      var message = Message(kind: .invalidSignature, range: start..<phrase.upperBound)
      message.signature = signature(in: after..<phrase.lowerBound)
      let position =
        afterDash(from: phrase.upperBound)
        ?? TextScan.skipUnicodeBlanks(in: view, from: phrase.upperBound, to: end)
      guard let (openingLength, quote) = openingQuote(at: position) else {
        // An unquoted string ("String to sign yyy") is taken as written, up to the period
        // that ends the sentence.
        let rest = TextScan.trimmedUnicode(position..<end, in: view)
        let value = withoutFinalPeriod(rest)
        message.stringToSign = value.isEmpty ? nil : value
        message.isTruncated = value.isEmpty
        message.range = start..<max(rest.upperBound, phrase.upperBound)
        return message
      }
      let open = position + openingLength
      let quoteEnd = enclosure?.end ?? end
      guard let close = closingQuote(quote, from: open, to: quoteEnd) else {
        let rest = TextScan.trimmed(open..<quoteEnd, in: view)
        message.stringToSign = open..<max(rest.upperBound, open)
        message.isTruncated = true
        message.hasOpenQuote = true
        message.range = start..<max(rest.upperBound, open)
        return message
      }
      message.stringToSign = open..<close
      let afterClose = close + quote.count
      let hasPeriod = afterClose < quoteEnd && view[afterClose] == UInt8(ascii: ".")
      message.range = start..<afterClose + (hasPeriod ? 1 : 0)
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

    /// "Stale request - reported time is T which is more than 1 hour ago", or cut anywhere
    /// after the dash; or the opening words alone, where nothing but punctuation stands
    /// after them on their line and no word right before them
    /// (`java.lang.RuntimeException: Stale request`). Other words around them make them part
    /// of a sentence ("the server also said Stale request yesterday").
    func staleRequest() -> Message {
      var message = Message(kind: .staleRequest, range: start..<after)
      guard let restStart = afterDash(from: after) else {
        message.isMention = isInSentence() || !standsAlone()
        return message
      }
      let rest = TextScan.trimmed(restStart..<end, in: view)
      if let wordsEnd = Self.reportedTimePhrase.match(in: view, at: rest.lowerBound, end: end),
        TextScan.blankLength(in: view, at: wordsEnd, end: end) > 0,
        let (time, timeEnd) = dateTime(
          at: TextScan.skipUnicodeBlanks(in: view, from: wordsEnd, to: end))
      {
        message.reportedTime = time
        message.range = start..<tail(after: timeEnd)
        return message
      }
      message.isTruncated = isCutOffTime(rest)
      if message.isTruncated {
        message.range = start..<rest.upperBound
      } else {
        message.isMention = true
      }
      return message
    }

    /// "Missing required parameter - X".
    func missingParameter() -> Message {
      var message = Message(kind: .missingParameter, range: start..<after)
      let dashEnd = afterDash(from: after)
      let hasDash = dashEnd != nil
      let position = dashEnd ?? TextScan.skipUnicodeBlanks(in: view, from: after, to: end)
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
      let position = TextScan.skipUnicodeBlanks(in: view, from: after, to: end)
      for (opening, kind, closing) in Self.presetForms {
        guard position > after, let openingEnd = opening.match(in: view, at: position, end: end)
        else { continue }
        var messageEnd = openingEnd
        let closingStart = TextScan.skipUnicodeBlanks(in: view, from: openingEnd, to: end)
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

    /// "Unknown API key X" and "Invalid cloud_name X": X may be empty, and is kept as written;
    /// a quoted X (`Unknown API key '1234'`) is read without its quotes.
    func namedValue(_ kind: ServerReport.Kind) -> Message {
      var message = Message(kind: kind, range: start..<after)
      var value = ""
      if TextScan.blankLength(in: view, at: after, end: end) > 0 {
        if let (content, quotedEnd) = quotedValue() {
          value = view.string(content)
          message.range = start..<quotedEnd
        } else if let token = token() {
          if isSentenceWord(token) {
            message.isMention = true
            return message
          }
          value = view.string(token)
          message.range = start..<token.upperBound
        }
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
    let dash = TextScan.skipUnicodeBlanks(in: view, from: index, to: end)
    guard dash < end, view[dash] == UInt8(ascii: "-") || view[dash] == UInt8(ascii: ":") else {
      return nil
    }
    return TextScan.skipUnicodeBlanks(in: view, from: dash + 1, to: end)
  }

  /// The opening words of an invalid-signature message that stand last between the anchor
  /// and `limit`, on word boundaries.
  func lastOpening(before limit: Int) -> Range<Int>? {
    let phrase = MessageAnchor.invalidSignature.phrase
    var found: Range<Int>?
    var position = after
    while let match = phrase.firstMatch(in: view, from: position, to: limit) {
      let startsWord = match.lowerBound == 0 || !TextScan.isWordByte(view[match.lowerBound - 1])
      let endsWord = view.byte(at: match.upperBound).map(TextScan.isWordByte) != true
      if startsWord, endsWord { found = match }
      position = match.lowerBound + 1
    }
    return found
  }

  /// The length of the quote that opens a string to sign at `index`, and the quote that
  /// closes it: `'` for `'`, `’` for `‘`.
  func openingQuote(at index: Int) -> (Int, [UInt8])? {
    if MessageGrammar.spells(MessageGrammar.singleQuote, in: view, at: index, end: end) {
      return (1, MessageGrammar.singleQuote)
    }
    if MessageGrammar.spells(Self.curlyOpen, in: view, at: index, end: end) {
      return (Self.curlyOpen.count, Self.curlyClose)
    }
    return nil
  }

  /// The closing `quote` of a string to sign that opens at `open`: in the message's own
  /// string, the quote that ends the message at the end of that string or before the next
  /// message in it; else the first that can close it.
  func closingQuote(_ quote: [UInt8], from open: Int, to quoteEnd: Int) -> Int? {
    if enclosure?.isMessageString == true {
      let nextMessage = MessageAnchor.next(in: view, from: open, to: quoteEnd)
      let messageEnd = nextMessage?.range.lowerBound ?? quoteEnd
      if let close = MessageGrammar.stringToSignCloseAtEnd(
        in: view, within: open..<messageEnd, quote: quote)
      {
        return close
      }
    }
    return MessageGrammar.stringToSignClose(in: view, within: open..<quoteEnd, quote: quote)
  }

  /// `range` without the period that ends its sentence, unless it is all periods: an
  /// ellipsis that stands for a hidden value is kept whole.
  func withoutFinalPeriod(_ range: Range<Int>) -> Range<Int> {
    guard let last = range.last, view[last] == UInt8(ascii: ".") else { return range }
    let isEllipsis = range.count >= 3 && range.allSatisfy { view[$0] == UInt8(ascii: ".") }
    return isEllipsis ? range : range.lowerBound..<last
  }

  /// A value in quotes after the opening words, on their line and no longer than a key or
  /// a cloud name can be: its content and the index past its closing quote.
  func quotedValue() -> (Range<Int>, Int)? {
    let open = TextScan.skipUnicodeBlanks(in: view, from: after, to: end)
    guard open < end, view[open] == UInt8(ascii: "'") || view[open] == UInt8(ascii: "\"") else {
      return nil
    }
    let quote = view[open]
    let limit = min(end, open + 1 + Self.quotedValueReach)
    var close = open + 1
    while close < limit, view[close] != quote { close += 1 }
    guard close < limit else { return nil }
    return (open + 1..<close, close + 1)
  }

  /// Whether the opening words stand as a whole message: no word right before them, blanks
  /// aside, and nothing but punctuation after them up to `end`.
  func standsAlone() -> Bool {
    var position = start
    while case let length = TextScan.blankLength(in: view, endingAt: position, lowerBound: 0),
      length > 0
    {
      position -= length
    }
    if position > 0, TextScan.isLetter(view[position - 1]) { return false }
    return !TextScan.containsWord(after..<end, in: view)
  }

  /// The signature between the anchor and "String to sign": trimmed, without the period
  /// that ends its sentence. It may be empty. An ellipsis that stands for a hidden
  /// signature (`...`) is kept whole.
  func signature(in range: Range<Int>) -> Range<Int> {
    withoutFinalPeriod(TextScan.trimmedUnicode(range, in: view))
  }

  /// The first word after the anchor: everything up to white space or a closing quote,
  /// bracket or separator, without a final period or comma.
  func token() -> Range<Int>? {
    let tokenStart = TextScan.skipUnicodeBlanks(in: view, from: after, to: end)
    var tokenEnd = tokenStart
    while tokenEnd < end, !TextScan.isSpace(view[tokenEnd]),
      !Self.tokenEnds.contains(view[tokenEnd]),
      TextScan.blankLength(in: view, at: tokenEnd, end: end) == 0
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
}
