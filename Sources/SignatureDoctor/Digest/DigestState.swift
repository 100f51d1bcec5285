internal import COpenSSL

/// A hash computation in progress, which copies like any value.
///
/// Copy a state that has absorbed a shared prefix and feed each copy a different suffix:
/// the prefix is hashed once. The copy is a plain struct copy, with no allocation, which is
/// what lets the signature search digest millions of candidates a second.
///
/// ```swift
/// var prefix = try DigestState(.sha1)
/// try prefix.update("folder=avatars&timestamp=")
/// var candidate = prefix
/// try candidate.update("1685544025")
/// let digest = try candidate.finalize()
/// ```
public struct DigestState: Sendable {
  private enum Context {
    case sha1(SHA_CTX)
    case sha256(SHA256_CTX)
  }

  private var context: Context

  /// The hash function this state computes.
  public var algorithm: DigestAlgorithm {
    switch context {
    case .sha1: .sha1
    case .sha256: .sha256
    }
  }

  /// Starts an empty computation.
  ///
  /// Calls `SHA1_Init` or `SHA256_Init`.
  /// - Throws: `OpenSSLError` when libcrypto refuses to initialise the state.
  public init(_ algorithm: DigestAlgorithm) throws(OpenSSLError) {
    switch algorithm {
    case .sha1:
      var state = SHA_CTX()
      try OpenSSLError.check(SHA1_Init(&state), "SHA1_Init")
      context = .sha1(state)
    case .sha256:
      var state = SHA256_CTX()
      try OpenSSLError.check(SHA256_Init(&state), "SHA256_Init")
      context = .sha256(state)
    }
  }

  /// Absorbs raw bytes.
  ///
  /// Calls `SHA1_Update` or `SHA256_Update`.
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) throws(OpenSSLError) {
    try check(absorb(bytes), "Update")
  }

  /// Absorbs a byte array.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public mutating func update(_ bytes: [UInt8]) throws(OpenSSLError) {
    try check(bytes.withUnsafeBytes { absorb($0) }, "Update")
  }

  /// Absorbs the UTF-8 encoding of a string.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public mutating func update(_ text: String) throws(OpenSSLError) {
    var text = text
    try check(text.withUTF8 { absorb(UnsafeRawBufferPointer($0)) }, "Update")
  }

  /// Ends the computation and returns the digest.
  ///
  /// Calls `SHA1_Final` or `SHA256_Final`.
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public consuming func finalize() throws(OpenSSLError) -> Digest {
    var output = [UInt8](repeating: 0, count: algorithm.byteCount)
    try finalize(into: &output)
    return Digest(bytes: output)
  }

  /// Ends the computation, writing the digest into the first `algorithm.byteCount` bytes of
  /// `output`, which the hot loop of the search reuses.
  ///
  /// - Throws: `OpenSSLError` when libcrypto reports a failure.
  public consuming func finalize(into output: inout [UInt8]) throws(OpenSSLError) {
    precondition(output.count >= algorithm.byteCount, "output buffer shorter than the digest")
    let status: Int32
    switch context {
    case .sha1(var state): status = SHA1_Final(&output, &state)
    case .sha256(var state): status = SHA256_Final(&output, &state)
    }
    try check(status, "Final")
  }
}

private extension DigestState {
  /// Feeds bytes to the C state and returns libcrypto's status.
  mutating func absorb(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 1 }
    switch context {
    case .sha1(var state):
      defer { context = .sha1(state) }
      return SHA1_Update(&state, base, bytes.count)
    case .sha256(var state):
      defer { context = .sha256(state) }
      return SHA256_Update(&state, base, bytes.count)
    }
  }

  /// Throws unless `status` is libcrypto's success value, naming the C function by `step`.
  func check(_ status: Int32, _ step: StaticString) throws(OpenSSLError) {
    try OpenSSLError.check(status, "\(algorithm == .sha1 ? "SHA1" : "SHA256")_\(step)")
  }
}
