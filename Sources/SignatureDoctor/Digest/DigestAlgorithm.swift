/// A hash function that Cloudinary accepts for request signatures.
public enum DigestAlgorithm: String, CaseIterable, Comparable, Sendable {
  case sha1
  case sha256

  /// The length of a digest in bytes.
  public var byteCount: Int {
    switch self {
    case .sha1: 20
    case .sha256: 32
    }
  }

  /// The length of one input block in bytes, which HMAC pads its key to.
  public var blockByteCount: Int { 64 }

  /// The name people write, as in `openssl dgst -sha256`.
  public var displayName: String {
    switch self {
    case .sha1: "SHA-1"
    case .sha256: "SHA-256"
    }
  }

  /// Reads a name as users and SDKs spell it: `sha1`, `SHA-1`, `sha256`, `SHA-256`.
  public init?(name: String) {
    switch String(name.lowercased().filter { $0 != "-" }) {
    case "sha1": self = .sha1
    case "sha256": self = .sha256
    default: return nil
    }
  }

  /// The algorithm whose digests are `byteCount` bytes long, if there is one.
  public init?(byteCount: Int) {
    guard let algorithm = Self.allCases.first(where: { $0.byteCount == byteCount }) else {
      return nil
    }
    self = algorithm
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.byteCount < rhs.byteCount }
}
