/// The signature a client sent, as the error shows it, and what kind of thing it is.
public struct SentSignature: Hashable, Sendable {
  /// What the text is.
  public enum Shape: Hashable, Sendable {
    /// Lower-case hexadecimal of a digest, as every SDK writes it.
    case hex(DigestAlgorithm)
    /// Upper-case (or mixed-case) hexadecimal of a digest.
    case upperHex(DigestAlgorithm)
    /// Base64 of a digest.
    case base64(DigestAlgorithm)
    /// Hexadecimal of the wrong length.
    case wrongLength(Int)
    /// A value that is no digest: `undefined`, `null`, `[object Promise]`, empty.
    case notADigest
    /// The poster hid it: `***`, `xxx`, `<my signature>`, `MY_HASHED_STRING`.
    case redacted
  }

  /// The text as sent.
  public let text: String
  /// What it is.
  public let shape: Shape
  /// The digest bytes, when the text is a digest in some encoding.
  public let bytes: [UInt8]?

  /// Classifies a sent signature.
  public init(_ text: String) {
    self.text = text
    let trimmed = text.trimmingCharacters(in: " \t")
    if let digest = Digest(hex: trimmed), let algorithm = DigestAlgorithm(byteCount: digest.bytes.count) {
      bytes = digest.bytes
      shape = trimmed == digest.hex ? .hex(algorithm) : .upperHex(algorithm)
    } else if trimmed.count >= 27, let decoded = Base64.decode(trimmed),
      let algorithm = DigestAlgorithm(byteCount: decoded.count)
    {
      bytes = decoded
      shape = .base64(algorithm)
    } else if Self.isHexLike(trimmed) {
      bytes = nil
      shape = .wrongLength(trimmed.count)
    } else {
      bytes = nil
      shape = Self.isRedaction(trimmed) ? .redacted : .notADigest
    }
  }

  /// The algorithm the digest's length implies.
  public var algorithm: DigestAlgorithm? {
    switch shape {
    case .hex(let algorithm), .upperHex(let algorithm), .base64(let algorithm): algorithm
    default: nil
    }
  }

  private static func isHexLike(_ text: String) -> Bool {
    text.count >= 8 && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
  }

  /// Whether the text is a placeholder a person typed to hide the signature: stars, a run
  /// of `x`, hex cut short by `x` or `*`, or words in angle brackets or capitals.
  private static func isRedaction(_ text: String) -> Bool {
    let lowered = text.lowercased()
    guard !lowered.isEmpty else { return false }
    if lowered.contains("*") || lowered.hasPrefix("<") || lowered.hasPrefix("...") { return true }
    let masked = lowered.drop { $0.isHexDigit }
    if !masked.isEmpty, masked.allSatisfy({ $0 == "x" || $0 == "." }) { return true }
    let words = ["signature", "hash", "redacted", "hidden", "secret"]
    return words.contains { lowered.contains($0) } && !lowered.contains("object")
  }
}

extension String {
  /// The string without leading and trailing characters from `set`.
  func trimmingCharacters(in set: String) -> String {
    let scalars = Set(set.unicodeScalars)
    let view = unicodeScalars
    guard let first = view.firstIndex(where: { !scalars.contains($0) }) else { return "" }
    let last = view.lastIndex(where: { !scalars.contains($0) })!
    return String(view[first...last])
  }
}
