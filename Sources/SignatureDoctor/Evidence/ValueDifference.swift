@_spi(_Unicode) import Swift

/// How two spellings of one parameter's value differ, so that each rule can claim its own
/// kind of difference and leave the rest.
public enum ValueDifference: Hashable, Sendable {
  /// The client's value is null or empty and left out; the server's is not.
  case clientLeftOut
  /// The server's value is the text of a null: `null`, `undefined`, `None`, `nil`, `NULL`.
  case nullText
  /// One side holds a structure written as text: `{"a"=>"b"}`, `[object Object]`, `Array`.
  case nested
  /// The same text, percent- or form-encoded on one side.
  case urlEncoding
  /// The same text, HTML-escaped on one side.
  case htmlEntities
  /// The same text in another Unicode normalisation form (NFC against NFD).
  case unicodeNormalization
  /// The same text with `&` written as `%26` on one side: signature version 1 against 2.
  case ampersandEscaping
  /// One boolean spelt two ways: `true`, `1`, `True`.
  case booleanSpelling
  /// One number written two ways: `1.0` and `1`, `1.7E9` and `1700000000`.
  case numberSpelling
  /// The same text but for spaces, tabs or line breaks at its ends.
  case whitespace
  /// The same text in another letter case.
  case letterCase
  /// The same text but for invisible characters (zero-width, soft hyphen, controls).
  case invisibleCharacters
  /// Unrelated values.
  case other

  /// Classifies the server's `server` against the client's rendering `client` (`nil` when
  /// the reference signer leaves the client's value out). Spellings are compared by
  /// scalars until the Unicode check, since `==` on strings equates NFC with NFD.
  public init(server: String, client: String?) {
    guard let client else {
      self = Self.nullSpellings.contains(server) ? .nullText : .clientLeftOut
      return
    }
    if Self.isNested(server) != Self.isNested(client) {
      self = .nested
    } else if server.replacingAll("%26", with: "&").hasSameScalars(
      as: client.replacingAll("%26", with: "&")
    ) {
      self = .ampersandEscaping
    } else if Self.percentDecoded(server).hasSameScalars(as: Self.percentDecoded(client)) {
      self = .urlEncoding
    } else if Self.htmlUnescaped(server).hasSameScalars(as: Self.htmlUnescaped(client)) {
      self = .htmlEntities
    } else if String(String.UnicodeScalarView(server._nfc)) == String(String.UnicodeScalarView(client._nfc)) {
      self = .unicodeNormalization
    } else if let left = Self.booleanValue(server), left == Self.booleanValue(client) {
      self = .booleanSpelling
    } else if let left = Double(server), let right = Double(client), left == right {
      self = .numberSpelling
    } else if server.trimmingCharacters(in: " \t\r\n") == client.trimmingCharacters(in: " \t\r\n") {
      self = .whitespace
    } else if server.lowercased() == client.lowercased() {
      self = .letterCase
    } else if Self.visible(server) == Self.visible(client) {
      self = .invisibleCharacters
    } else {
      self = .other
    }
  }

  /// Whether the encoding-mismatch rule explains this difference.
  public var isEncoding: Bool {
    switch self {
    case .urlEncoding, .htmlEntities, .unicodeNormalization, .ampersandEscaping, .booleanSpelling,
      .numberSpelling:
      true
    default:
      false
    }
  }

  /// The spellings of a null that travel as text.
  public static let nullSpellings: Set<String> = ["null", "undefined", "None", "nil", "NULL", "NaN"]

  /// The boolean a spelling stands for, if it is one.
  public static func booleanValue(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE", "1", "yes", "on": true
    case "false", "False", "FALSE", "0", "", "no", "off": false
    default: nil
    }
  }

  /// Whether a value is a structure written as text.
  public static func isNested(_ text: String) -> Bool {
    text == "[object Object]" || text == "Array" || (text.hasPrefix("{") && text.contains("=>"))
      || (text.hasPrefix("{'") && text.hasSuffix("}")) || (text.hasPrefix("[\"") && text.hasSuffix("]"))
  }

  static func percentDecoded(_ text: String) -> String {
    PercentEncoding.decode(text, plusIsSpace: true) ?? text
  }

  static func htmlUnescaped(_ text: String) -> String {
    [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")]
      .reduce(text) { $0.replacingAll($1.0, with: $1.1) }
  }

  static func visible(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !VisibleText.needsEscape($0) || $0 == " " }))
  }
}
