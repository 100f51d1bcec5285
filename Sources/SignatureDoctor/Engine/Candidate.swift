@_spi(_Unicode) import Swift

/// A string the client may have signed, kept as pairs so that mistakes can be applied to it
/// one after another and the result written out as a signer would.
public struct Candidate: Hashable, Sendable {
  /// The pairs, as `key=value` texts, already escaped as they would be signed.
  public var pairs: [String]
  /// Whether the pairs are joined in the order given; otherwise they are sorted by code
  /// point, as every correct signer does.
  public var keepsOrder: Bool
  /// A change to the whole joined text, such as percent-encoding it.
  public var transform: TextTransform?

  /// A candidate made of pairs.
  public init(pairs: [String], keepsOrder: Bool = false, transform: TextTransform? = nil) {
    self.pairs = pairs
    self.keepsOrder = keepsOrder
    self.transform = transform
  }

  /// The server's own string to sign, pair by pair, in its order.
  public init(server pairs: [SignedPair]) {
    self.init(pairs: pairs.map(\.text), keepsOrder: true)
  }

  /// The string the candidate stands for.
  public var text: String {
    let ordered = keepsOrder ? pairs : pairs.sorted(by: StringToSign.precedes)
    let joined = ordered.joined(separator: "&")
    return transform.map { $0.apply(to: joined) } ?? joined
  }

  /// Whether a pair has `key`.
  public func has(_ key: String) -> Bool { pairs.contains { Self.pair($0, hasKey: key) } }

  /// Whether `pair` is `key=…`, compared byte for byte: keys in two Unicode forms are two
  /// keys, as they are to the server.
  public static func pair(_ pair: String, hasKey key: String) -> Bool {
    let text = pair.utf8
    let wanted = key.utf8
    guard text.count > wanted.count, text.starts(with: wanted) else { return false }
    return text[text.index(text.startIndex, offsetBy: wanted.count)] == UInt8(ascii: "=")
  }

  /// The candidate with the pair for `key` removed.
  public func removing(_ key: String) -> Candidate {
    var copy = self
    copy.pairs.removeAll { Self.pair($0, hasKey: key) }
    return copy
  }

  /// The candidate with only the pair for `key`, or `nil` when it has no such pair or no
  /// other.
  public func keepingOnly(_ key: String) -> Candidate? {
    var copy = self
    copy.pairs.removeAll { !Self.pair($0, hasKey: key) }
    return copy.pairs.isEmpty || copy.pairs.count == pairs.count ? nil : copy
  }

  /// The candidate with `pair` added where a sorting signer puts it.
  ///
  /// A candidate that keeps its order holds the server's sorted pairs, so the new pair goes
  /// before the first pair it sorts before; appended, it would stand last in the text.
  public func adding(_ pair: String) -> Candidate {
    var copy = self
    let index = keepsOrder ? pairs.firstIndex { StringToSign.precedes(pair, $0) } ?? pairs.count : pairs.count
    copy.pairs.insert(pair, at: index)
    return copy
  }

  /// The candidate with the value of `key` replaced, or `nil` when there is no such pair.
  public func replacing(_ key: String, with value: String) -> Candidate? {
    guard let index = pairs.firstIndex(where: { Self.pair($0, hasKey: key) }) else { return nil }
    var copy = self
    copy.pairs[index] = key + "=" + value
    return copy
  }

  /// The candidate with every value passed through `change`; `nil` when nothing changes.
  public func mappingValues(_ change: (String) -> String) -> Candidate? {
    var copy = self
    copy.pairs = pairs.map { pair in
      guard let equals = pair.firstIndex(of: "=") else { return pair }
      return String(pair[...equals]) + change(String(pair[pair.index(after: equals)...]))
    }
    return copy == self ? nil : copy
  }
}

/// A change to the whole string a signer may have made before digesting it.
public enum TextTransform: Hashable, Sendable {
  /// Percent-encoded as `encodeURIComponent` does.
  case percentEncoded
  /// Form-encoded: percent-encoding with `+` for spaces, as PHP's `urlencode` does.
  case formEncoded
  /// Percent-decoded.
  case percentDecoded
  /// `&`, `<`, `>`, `"` and `'` written as HTML entities.
  case htmlEscaped
  /// Composed to Unicode NFC.
  case nfc
  /// Decomposed to Unicode NFD.
  case nfd
  /// A string passed to Node's `api_sign_request`, which signs its characters as
  /// `0=c&1=h…`, sorted as strings, `&` escaped.
  case nodeCharacterSpread

  /// The text after the change.
  public func apply(to text: String) -> String {
    switch self {
    case .percentEncoded:
      return PercentEncoding.encode(text, keeping: Set("!'()*".utf8))
    case .formEncoded:
      return PercentEncoding.encode(text, spaceAsPlus: true, keeping: Set("*".utf8))
    case .percentDecoded:
      return PercentEncoding.decode(text, plusIsSpace: false) ?? text
    case .htmlEscaped:
      return text.unicodeScalars.reduce(into: "") { result, scalar in
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.unicodeScalars.append(scalar)
        }
      }
    case .nfc:
      return String(String.UnicodeScalarView(text._nfc))
    case .nfd:
      return String(String.UnicodeScalarView(text._nfd))
    case .nodeCharacterSpread:
      // NB: JavaScript indexes a string by UTF-16 unit; half of a surrogate pair is
      // written as U+FFFD when the pair is encoded.
      let units = Array(text.utf16)
      let indices = (0..<units.count).map(String.init).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      return indices.map { index in
        let unit = units[Int(index)!]
        let character = Unicode.Scalar(unit).map(String.init) ?? "\u{FFFD}"
        return StringToSign.pair(index, character, version: .v2)
      }.joined(separator: "&")
    }
  }

  /// What the change is, for reports.
  public var description: String {
    switch self {
    case .percentEncoded: "percent-encoded"
    case .formEncoded: "form-encoded (spaces as +)"
    case .percentDecoded: "percent-decoded"
    case .htmlEscaped: "HTML-escaped"
    case .nfc: "composed to Unicode NFC"
    case .nfd: "decomposed to Unicode NFD"
    case .nodeCharacterSpread: "passed to Node's api_sign_request as a string (0=c&1=h…)"
    }
  }
}
