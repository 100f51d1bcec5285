/// Reads one message of the family from the view it was decoded into, starting at its anchor.
///
/// The grammar is the server's, loosened where people change it: the final period, the
/// ` - ` before the quoted string, the case of the opening words. What the message carries
/// is kept byte for byte: the signature as sent, however odd, and the string to sign up to
/// its closing quote.
///
/// ```
/// Invalid Signature [object Promise]. String to sign - 'source=uw&timestamp=1709830648'.
/// ```
/// reads as signature `[object Promise]`, string to sign `source=uw&timestamp=1709830648`.
enum MessageGrammar {
  /// What one message says; ranges are in the view it was read from.
  struct Message {
    /// Which message.
    var kind: ServerReport.Kind
    /// The bytes of the message, from its anchor to its last byte.
    var range: Range<Int>
    /// The signature as sent.
    var signature: Range<Int>?
    /// The string to sign, without its quotes.
    var stringToSign: Range<Int>?
    /// Whether the text stops inside the message.
    var isTruncated = false
    /// Whether the string to sign opened with a quote that never closed: a wrapped line may
    /// hold the rest.
    var hasOpenQuote = false
    /// The stale request's time, as a Unix time.
    var reportedTime: Int?
    /// The missing parameter's name.
    var parameter: String?
    /// The unknown API key.
    var apiKey: String?
    /// The invalid cloud name.
    var cloudName: String?
    /// Only the opening words stand there, inside a sentence ("an Invalid Signature error").
    var isMention = false
  }

  /// The decoded string that holds a message, as far as the grammar needs to know it.
  struct Enclosure {
    /// Where the string ends in the view it was decoded into.
    var end: Int
    /// Whether the string is the message's own, such as the `message` of an error body or
    /// a header's value, so that the message ends where the string does; a string that
    /// holds a log may hold prose after it.
    var isMessageString: Bool
  }

  /// Reads the message whose anchor is `match`, in `view` up to `end`.
  ///
  /// - Parameters:
  ///   - match: The anchor.
  ///   - view: The view the message stands in.
  ///   - end: Where the message's text must stop: the end of its line or of its string.
  ///   - enclosure: The decoded string that holds the message, when it stands in one: its
  ///     string to sign may then run past `end`, since a line break decoded from an escape
  ///     is part of a value; in the message's own string, its closing quote is the one that
  ///     ends the string.
  ///   - reachesEndOfPaste: Whether nothing but white space follows `end` in the paste;
  ///     asked only when the message is cut short, to tell a cut-off copy from a sentence.
  /// - Returns: The message, or `nil` when the words are part of something else ("upload
  ///   preset" in a sentence).
  static func read(
    _ match: MessageAnchor.Match,
    in view: DecodedText,
    end: Int,
    enclosure: Enclosure? = nil,
    reachesEndOfPaste: () -> Bool
  ) -> Message? {
    var enclosure = enclosure
    if let stringEnd = enclosure?.end { enclosure?.end = max(stringEnd, end) }
    let reader = Reader(
      view: view,
      start: match.range.lowerBound,
      after: match.range.upperBound,
      end: end,
      enclosure: enclosure
    )
    switch match.anchor {
    case .invalidSignature: return reader.invalidSignature(reachesEndOfPaste: reachesEndOfPaste)
    case .staleRequest: return reader.staleRequest()
    case .missingParameter: return reader.missingParameter()
    case .uploadPreset: return reader.uploadPreset()
    case .unknownAPIKey: return reader.namedValue(.unknownAPIKey)
    case .invalidCloudName: return reader.namedValue(.invalidCloudName)
    }
  }

  /// The closing quote of a string to sign in `range`: the first `quote` followed by a
  /// period and then the end of the message (or any non-ASCII character, such as a closing
  /// `」`), else the first `quote` followed by the end; so a quote inside a value
  /// (`caption=it's`) does not end it.
  static func stringToSignClose(
    in view: DecodedText,
    within range: Range<Int>,
    quote: [UInt8] = singleQuote
  ) -> Int? {
    var plain: Int?
    var limit = range.upperBound
    var position = range.lowerBound - 1
    while position + 1 < limit {
      position += 1
      guard spells(quote, in: view, at: position, end: range.upperBound) else { continue }
      let afterQuote = position + quote.count
      let hasPeriod = afterQuote < range.upperBound && view[afterQuote] == UInt8(ascii: ".")
      let afterPeriod = view.byte(at: afterQuote + 1) ?? 0
      if hasPeriod,
        afterPeriod >= 0x80 || endsMessage(at: afterQuote + 1, in: view, end: range.upperBound)
      {
        return position
      }
      if plain == nil, endsMessage(at: afterQuote, in: view, end: range.upperBound) {
        plain = position
        // NB: a later quote with a period wins, but only close by, so that a long line of
        // messages without periods is read in linear time.
        limit = min(limit, position + closeReach)
      }
    }
    return plain
  }

  /// The closing quote of a string to sign whose message ends at `range.upperBound`: the
  /// last `quote` in `range` when only a period and white space follow it; `nil` when
  /// anything else does.
  ///
  /// Where the message's extent is known, such as the end of the JSON string it was the
  /// value of, a `'.` inside a value (`caption=He said 'hi'. Bye`) cannot end it early.
  static func stringToSignCloseAtEnd(
    in view: DecodedText,
    within range: Range<Int>,
    quote: [UInt8] = singleQuote
  ) -> Int? {
    var position = range.upperBound
    while position > range.lowerBound, TextScan.isSpace(view[position - 1]) { position -= 1 }
    if position > range.lowerBound, view[position - 1] == UInt8(ascii: ".") { position -= 1 }
    let close = position - quote.count
    return close >= range.lowerBound && spells(quote, in: view, at: close, end: range.upperBound)
      ? close : nil
  }

  /// The quote the server puts around a string to sign.
  static let singleQuote = [UInt8(ascii: "'")]

  /// Whether `bytes` stand at `index`, ending before `end`.
  static func spells(_ bytes: [UInt8], in view: DecodedText, at index: Int, end: Int) -> Bool {
    guard index >= 0, index + bytes.count <= end else { return false }
    for offset in bytes.indices where view[index + offset] != bytes[offset] { return false }
    return true
  }

  /// What may close a message: the quotes, brackets and separators around it.
  private static let closers = TextScan.ByteSet(#""',;)]}<\`*"#)
  /// How far past a quote without a period a quote with one is looked for.
  private static let closeReach = 512
  /// How far after "Invalid Signature" the words "String to sign" are looked for: the
  /// signature between them is short, whatever a client sent.
  static let signatureReach = 1024

  /// Whether a message can end before `index`: the text ends there, or white space or
  /// punctuation that closes an enclosing string or object follows.
  private static func endsMessage(at index: Int, in view: DecodedText, end: Int) -> Bool {
    guard index < end else { return true }
    let byte = view[index]
    return TextScan.isSpace(byte) || closers.contains(byte)
  }
}
