/// An HMAC keyed once and applied to many messages.
///
/// Some hand-written signers use HMAC with the API secret as key where Cloudinary wants a
/// plain digest of the string and the secret; the search tries this recipe. The keyed inner
/// and outer states are computed once (RFC 2104) and copied for every message.
public struct HMACState: Sendable {
  private let inner: DigestState
  private let outer: DigestState

  /// The hash function underneath.
  public var algorithm: DigestAlgorithm { inner.algorithm }

  /// Prepares the keyed states for `key`.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public init(_ algorithm: DigestAlgorithm, key: [UInt8]) throws(OpenSSLError) {
    var block = key
    if block.count > algorithm.blockByteCount {
      var hashed = try DigestState(algorithm)
      try hashed.update(block)
      block = try hashed.finalize().bytes
    }
    block += repeatElement(0, count: algorithm.blockByteCount - block.count)

    var inner = try DigestState(algorithm)
    try inner.update(block.map { $0 ^ 0x36 })
    var outer = try DigestState(algorithm)
    try outer.update(block.map { $0 ^ 0x5C })
    self.inner = inner
    self.outer = outer
  }

  /// Starts the inner hash, ready for the message; finish it with `finalize(_:)`.
  public var messageState: DigestState { inner }

  /// Finishes an HMAC whose message was fed to a copy of `messageState`.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public func finalize(_ messageState: consuming DigestState) throws(OpenSSLError) -> Digest {
    let innerDigest = try messageState.finalize()
    var outer = self.outer
    try outer.update(innerDigest.bytes)
    return try outer.finalize()
  }

  /// The authentication code of one message.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public func authenticationCode(for message: [UInt8]) throws(OpenSSLError) -> Digest {
    var state = messageState
    try state.update(message)
    return try finalize(state)
  }
}
