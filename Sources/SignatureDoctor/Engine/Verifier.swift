import Dispatch

/// Digests candidate strings under candidate secrets and compares each digest with the
/// signature the client sent.
///
/// The hot loop reuses everything it can: candidates of a family share a prefix whose
/// digest state is computed once and copied (a struct copy, see `DigestState`), the suffix
/// is written into one reused buffer, and the work is split over every core. Digests are
/// compared with the sent signature's bytes in constant time.
struct Verifier: Sendable {
  /// A family of candidate messages: `prefix` followed by each suffix in turn.
  struct Job: Sendable {
    let prefix: [UInt8]
    let count: Int
    /// Writes the suffix of candidate `index` into an empty buffer.
    let writeSuffix: @Sendable (Int, inout [UInt8]) -> Void
  }

  /// A candidate that reproduced the signature.
  struct Match: Hashable, Comparable, Sendable {
    let job: Int
    let index: Int
    let key: Int

    static func < (lhs: Match, rhs: Match) -> Bool {
      (lhs.job, lhs.index, lhs.key) < (rhs.job, rhs.index, rhs.key)
    }
  }

  let target: [UInt8]
  let algorithm: DigestAlgorithm

  /// How many candidates one unit of parallel work holds.
  private static let chunk = 2048

  /// Tries every candidate of every job with every key appended, as Cloudinary digests a
  /// signature; returns the matches in a stable order and the number of digests computed.
  ///
  /// - Throws: `OpenSSLError` when libcrypto refuses.
  func findAppended(jobs: [Job], keys: [[UInt8]]) throws(OpenSSLError) -> (matches: [Match], digests: Int) {
    var units: [(job: Int, range: Range<Int>)] = []
    for (index, job) in jobs.enumerated() {
      var start = 0
      while start < job.count {
        units.append((index, start..<min(start + Self.chunk, job.count)))
        start += Self.chunk
      }
    }
    let work = units
    let results = ConcurrentResults<Result<[Match], OpenSSLError>>(count: work.count)
    DispatchQueue.concurrentPerform(iterations: work.count) { unit in
      let (jobIndex, range) = work[unit]
      results.store(Result { () throws(OpenSSLError) in
        try search(jobs[jobIndex], jobIndex: jobIndex, range: range, keys: keys)
      }, at: unit)
    }
    var matches: [Match] = []
    for result in results.values { matches += try result.get() }
    let digests = jobs.reduce(0) { $0 + $1.count } * keys.count
    return (matches.sorted(), digests)
  }

  /// Whether one message, digested by `recipe` with `key`, gives the signature.
  ///
  /// - Throws: `OpenSSLError` when libcrypto refuses.
  func matches(message: [UInt8], pairEnds: [Int], key: [UInt8], recipe: Recipe) throws(OpenSSLError) -> Bool {
    let digest: Digest
    switch recipe {
    case .plain:
      digest = try OpenSSLDigester().digest(of: message, followedBy: key, using: algorithm)
    case .hmac:
      digest = try HMACState(algorithm, key: key).authenticationCode(for: message)
    case .secretFirst:
      digest = try OpenSSLDigester().digest(of: key, followedBy: message, using: algorithm)
    case .secretAfterPair(let pair):
      guard pair < pairEnds.count else { return false }
      let cut = pairEnds[pair]
      digest = try OpenSSLDigester().digest(of: Array(message[..<cut]) + key, followedBy: Array(message[cut...]),
                                            using: algorithm)
    }
    return constantTimeEquals(digest.bytes, target)
  }

  private func search(_ job: Job, jobIndex: Int, range: Range<Int>, keys: [[UInt8]]) throws(OpenSSLError) -> [Match] {
    var prefixState = try DigestState(algorithm)
    try prefixState.update(job.prefix)
    var suffix: [UInt8] = []
    suffix.reserveCapacity(256)
    var output = [UInt8](repeating: 0, count: algorithm.byteCount)
    var found: [Match] = []
    for index in range {
      suffix.removeAll(keepingCapacity: true)
      job.writeSuffix(index, &suffix)
      var withSuffix = prefixState
      try withSuffix.update(suffix)
      for (keyIndex, key) in keys.enumerated() {
        var state = withSuffix
        try state.update(key)
        try state.finalize(into: &output)
        if constantTimeEquals(output, target) {
          found.append(Match(job: jobIndex, index: index, key: keyIndex))
        }
      }
    }
    return found
  }
}
