/// The words that open each message of the Cloudinary error family.
///
/// An anchor stands on word boundaries: "Invalid Signatures" in a sentence is no anchor,
/// and neither is `upload_preset` in a string to sign.
enum MessageAnchor: CaseIterable, Sendable {
  /// "Invalid Signature …"
  case invalidSignature
  /// "Stale request …"
  case staleRequest
  /// "Missing required parameter …"
  case missingParameter
  /// "Upload preset must …"
  case uploadPreset
  /// "Unknown API key …"
  case unknownAPIKey
  /// "Invalid cloud_name …"
  case invalidCloudName

  /// The opening words.
  var phrase: Phrase {
    switch self {
    case .invalidSignature: Words.invalidSignature
    case .staleRequest: Words.staleRequest
    case .missingParameter: Words.missingParameter
    case .uploadPreset: Words.uploadPreset
    case .unknownAPIKey: Words.unknownAPIKey
    case .invalidCloudName: Words.invalidCloudName
    }
  }

  /// The phrases, made once.
  private enum Words {
    static let invalidSignature = Phrase("invalid signature")
    static let staleRequest = Phrase("stale request")
    static let missingParameter = Phrase("missing required parameter")
    static let uploadPreset = Phrase("upload preset")
    static let unknownAPIKey = Phrase("unknown api key")
    static let invalidCloudName = Phrase("invalid cloud_name")
  }

  /// Every anchor with its phrase, in the order they are tried.
  private static let orderedPhrases = allCases.map { ($0, $0.phrase) }

  /// An anchor found in a view.
  struct Match {
    /// Which anchor.
    let anchor: MessageAnchor
    /// Where its words stand.
    let range: Range<Int>
  }

  /// The first anchor at or after `start` in `view`, ending before `end` when one is given.
  static func next(in view: DecodedText, from start: Int, to end: Int? = nil) -> Match? {
    let end = min(end ?? view.count, view.count)
    let phrases = Self.orderedPhrases
    var position = max(start, 0)
    while let candidate = nextCandidate(in: view.bytes, from: position, to: end) {
      let isBoundary =
        candidate == 0 || !TextScan.isWordByte(view[candidate - 1])
        || isAfterEscapedBreak(candidate, in: view)
      if isBoundary {
        for (anchor, phrase) in phrases
        where phrase.words[0][0] == TextScan.lowercased(view[candidate]) {
          guard let anchorEnd = phrase.match(in: view, at: candidate, end: end) else { continue }
          if let after = view.byte(at: anchorEnd), TextScan.isWordByte(after) { continue }
          return Match(anchor: anchor, range: candidate..<anchorEnd)
        }
      }
      position = candidate + 1
    }
    return nil
  }

  /// Whether `\n`, `\r` or `\t`, written as an escape, stands right before `index`: a JSON
  /// string that holds a log puts messages right after them.
  private static func isAfterEscapedBreak(_ index: Int, in view: DecodedText) -> Bool {
    guard index >= 2, view[index - 2] == UInt8(ascii: "\\") else { return false }
    let letter = view[index - 1]
    return letter == UInt8(ascii: "n") || letter == UInt8(ascii: "r") || letter == UInt8(ascii: "t")
  }

  /// The next index at or after `start` where the first two letters of some anchor stand,
  /// in either case: "in", "st", "mi", "up" or "un".
  private static func nextCandidate(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      var index = start
      while index + 1 < end {
        let second = TextScan.lowercased(buffer[index + 1])
        switch TextScan.lowercased(buffer[index]) {
        case UInt8(ascii: "i") where second == UInt8(ascii: "n"),
          UInt8(ascii: "s") where second == UInt8(ascii: "t"),
          UInt8(ascii: "m") where second == UInt8(ascii: "i"),
          UInt8(ascii: "u") where second == UInt8(ascii: "n") || second == UInt8(ascii: "p"):
          return index
        default:
          index += 1
        }
      }
      return nil
    }
  }
}
