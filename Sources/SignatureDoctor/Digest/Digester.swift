/// Computes one-shot digests; the seam through which tests make digesting fail.
public protocol Digester: Sendable {
  /// The digest of `message` under `algorithm`.
  ///
  /// - Throws: `OpenSSLError` when the backend refuses.
  func digest(of message: [UInt8], using algorithm: DigestAlgorithm) throws(OpenSSLError) -> Digest

  /// The digest of `message` followed by `suffix`, as a signature digests a string and
  /// then the secret.
  ///
  /// - Throws: `OpenSSLError` when the backend refuses.
  func digest(
    of message: [UInt8],
    followedBy suffix: [UInt8],
    using algorithm: DigestAlgorithm
  ) throws(OpenSSLError) -> Digest
}

extension Digester {
  public func digest(
    of message: [UInt8],
    followedBy suffix: [UInt8],
    using algorithm: DigestAlgorithm
  ) throws(OpenSSLError) -> Digest {
    try digest(of: message + suffix, using: algorithm)
  }
}

/// The production digester, backed by libcrypto.
public struct OpenSSLDigester: Digester {
  /// Creates the digester; it holds no state.
  public init() {}

  public func digest(
    of message: [UInt8],
    using algorithm: DigestAlgorithm
  ) throws(OpenSSLError) -> Digest {
    var state = try DigestState(algorithm)
    try state.update(message)
    return try state.finalize()
  }

  public func digest(
    of message: [UInt8],
    followedBy suffix: [UInt8],
    using algorithm: DigestAlgorithm
  ) throws(OpenSSLError) -> Digest {
    var state = try DigestState(algorithm)
    try state.update(message)
    try state.update(suffix)
    return try state.finalize()
  }
}

/// Compares two byte strings in time that depends only on their lengths.
///
/// A signature check that returns at the first differing byte tells an attacker how many
/// leading bytes were right. Lengths are not secret, so unequal lengths return at once.
public func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
  guard lhs.count == rhs.count else { return false }
  var difference: UInt8 = 0
  for (left, right) in zip(lhs, rhs) {
    difference |= left ^ right
  }
  return difference == 0
}

/// Compares two byte arrays in time that depends only on their lengths; the form the
/// search's hot loop calls.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
  guard lhs.count == rhs.count else { return false }
  return lhs.withUnsafeBufferPointer { left in
    rhs.withUnsafeBufferPointer { right in
      var difference: UInt8 = 0
      for index in 0..<left.count {
        difference |= left[index] ^ right[index]
      }
      return difference == 0
    }
  }
}
