/// How to build a string to sign and digest it.
public struct SigningOptions: Hashable, Sendable {
  /// What to do with a list or map where the server expects text.
  public enum NestedValues: Hashable, Sendable {
    /// Refuse: the signer was handed a structure it should have flattened.
    case reject
    /// Write it as the server does when a form body nests (`data[folder]=…`): a Ruby hash
    /// inspection such as `{"folder"=>"x"}`.
    case renderLikeServer
  }

  /// The hash function.
  public var algorithm: DigestAlgorithm
  /// The canonical form.
  public var version: SignatureVersion
  /// Whether `file`, `cloud_name`, `resource_type`, `api_key` and `signature` are signed
  /// too, as the SDK helpers do with whatever they are given.
  public var signsAllKeys: Bool
  /// What to do with nested values.
  public var nestedValues: NestedValues

  /// Creates options; the defaults are the server's for an upload.
  public init(
    algorithm: DigestAlgorithm = .sha1,
    version: SignatureVersion = .v2,
    signsAllKeys: Bool = false,
    nestedValues: NestedValues = .reject
  ) {
    self.algorithm = algorithm
    self.version = version
    self.signsAllKeys = signsAllKeys
    self.nestedValues = nestedValues
  }

  /// The keys the server leaves out of the string to sign.
  public static let excludedKeys = ["api_key", "cloud_name", "file", "resource_type", "signature"]

  /// Whether the server leaves `key` out of the string to sign.
  public static func isExcluded(_ key: String) -> Bool {
    var key = key
    return key.withUTF8 { isExcluded($0) }
  }

  /// Whether the server leaves the key with these UTF-8 bytes out of the string to sign.
  static func isExcluded(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    // NB: compared by length first, since every parameter of every line passes here.
    let candidate: StaticString
    switch key.count {
    case 4: candidate = "file"
    case 7: candidate = "api_key"
    case 9: candidate = "signature"
    case 10: candidate = "cloud_name"
    case 13: candidate = "resource_type"
    default: return false
    }
    return candidate.withUTF8Buffer { key.elementsEqual($0) }
  }
}
