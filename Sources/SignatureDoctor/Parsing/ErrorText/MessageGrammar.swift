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

  /// Reads the message whose anchor is `match`, in `view` up to `end`.
  ///
  /// - Parameters:
  ///   - match: The anchor.
  ///   - view: The view the message stands in.
  ///   - end: Where the message's text must stop: the end of its line or of its string.
  ///   - reachesEndOfPaste: Whether nothing but white space follows `end` in the paste;
  ///     asked only when the message is cut short, to tell a cut-off copy from a sentence.
  /// - Returns: The message, or `nil` when the words are part of something else ("upload
  ///   preset" in a sentence).
  static func read(
    _ match: MessageAnchor.Match,
    in view: DecodedText,
    end: Int,
    reachesEndOfPaste: () -> Bool
  ) -> Message? {
    let reader = Reader(
      view: view, start: match.range.lowerBound, after: match.range.upperBound, end: end)
    switch match.anchor {
    case .invalidSignature: return reader.invalidSignature(reachesEndOfPaste: reachesEndOfPaste)
    case .staleRequest: return reader.staleRequest()
    case .missingParameter: return reader.missingParameter()
    case .uploadPreset: return reader.uploadPreset()
    case .unknownAPIKey: return reader.namedValue(.unknownAPIKey)
    case .invalidCloudName: return reader.namedValue(.invalidCloudName)
    }
  }

  /// The closing quote of a string to sign in `range`: the first `'` followed by a period
  /// and then the end of the message (or any non-ASCII character, such as a closing
  /// `」`), else the first `'` followed by the end; so a quote inside a value
  /// (`caption=it's`) does not end it.
  static func stringToSignClose(in view: DecodedText, within range: Range<Int>) -> Int? {
    var plain: Int?
    var limit = range.upperBound
    var position = range.lowerBound - 1
    while position + 1 < limit {
      position += 1
      guard view[position] == UInt8(ascii: "'") else { continue }
      let hasPeriod = position + 1 < range.upperBound && view[position + 1] == UInt8(ascii: ".")
      let afterPeriod = view.byte(at: position + 2) ?? 0
      if hasPeriod,
        afterPeriod >= 0x80 || endsMessage(at: position + 2, in: view, end: range.upperBound)
      {
        return position
      }
      if plain == nil, endsMessage(at: position + 1, in: view, end: range.upperBound) {
        plain = position
        // NB: a later quote with a period wins, but only close by, so that a long line of
        // messages without periods is read in linear time.
        limit = min(limit, position + closeReach)
      }
    }
    return plain
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
