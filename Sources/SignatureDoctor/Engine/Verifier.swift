/// Digests candidate strings under candidate secrets and compares each digest with the
/// signature the client sent.
///
/// The hot loop reuses everything it can: candidates of a family share a prefix whose
/// digest state is computed once and copied (a struct copy, see `DigestState`), the suffix
/// is written into one reused buffer, and the work is split over every core. Digests are
/// compared with the sent signature's bytes in constant time.
struct Verifier: Sendable {
  /// A family of candidate messages: `prefix`, then what varies, then `suffix`.
  struct Job: Sendable {
    /// What varies from one candidate to the next.
    enum Middle: Sendable {
      /// Nothing: the job is one message.
      case none
      /// A whole number, written in decimal.
      case integer(@Sendable (Int) -> Int)
      /// Text.
      case text(@Sendable (Int) -> String)
    }

    let prefix: [UInt8]
    let count: Int
    let middle: Middle
    let suffix: [UInt8]

    /// One message.
    init(message: [UInt8]) {
      self.init(prefix: message, count: 1, middle: .none, suffix: [])
    }

    init(prefix: [UInt8], count: Int, middle: Middle, suffix: [UInt8]) {
      self.prefix = prefix
      self.count = count
      self.middle = middle
      self.suffix = suffix
    }

    /// The whole message of candidate `index`.
    func message(_ index: Int) -> [UInt8] {
      switch middle {
      case .none: prefix + suffix
      case .integer(let value): prefix + Array(String(value(index)).utf8) + suffix
      case .text(let value): prefix + Array(value(index).utf8) + suffix
      }
    }
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
  static let chunk = 2048

  /// How a family's candidates are digested with a key.
  enum Keying: Sendable {
    /// The key appended to the message, as Cloudinary digests a signature.
    case appended
    /// HMAC keyed with the key over the message.
    case hmac
  }

  /// Tries every candidate of every job with every key, digested as `keying` says; returns
  /// the matches in a stable order and the number of digests computed.
  ///
  /// Small searches run on the calling thread: starting workers costs more than they save.
  /// - Throws: `OpenSSLError` when libcrypto refuses.
  func find(
    jobs: [Job],
    keys: [[UInt8]],
    keying: Keying
  ) throws(OpenSSLError) -> (matches: [Match], digests: Int) {
    let keyRing = KeyRing(keys)
    let hmacs: [HMACState]
    switch keying {
    case .appended: hmacs = []
    case .hmac:
      var states: [HMACState] = []
      for key in keys { states.append(try HMACState(algorithm, key: key)) }
      hmacs = states
    }
    @Sendable func search(_ unit: (job: Int, range: Range<Int>)) throws(OpenSSLError) -> [Match] {
      switch keying {
      case .appended:
        try self.search(jobs[unit.job], jobIndex: unit.job, range: unit.range, keys: keyRing)
      case .hmac:
        try self.search(jobs[unit.job], jobIndex: unit.job, range: unit.range, hmacs: hmacs)
      }
    }
    var units: [(job: Int, range: Range<Int>)] = []
    for (index, job) in jobs.enumerated() {
      var start = 0
      while start < job.count {
        units.append((index, start..<min(start + Self.chunk, job.count)))
        start += Self.chunk
      }
    }
    let digests = jobs.reduce(0) { $0 + $1.count } * keys.count
    var matches: [Match] = []
    if digests < Self.chunk * 2 {
      for unit in units { matches += try search(unit) }
      return (matches.sorted(), digests)
    }
    let work = units
    let results = ConcurrentResults<Result<[Match], OpenSSLError>>(count: work.count)
    Parallel.forEach(work.count) { unit in
      results.store(Result { () throws(OpenSSLError) in try search(work[unit]) }, at: unit)
    }
    for result in results.values { matches += try result.get() }
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
      digest = try OpenSSLDigester().digest(
        of: Array(message[..<cut]) + key,
        followedBy: Array(message[cut...]),
        using: algorithm
      )
    }
    return constantTimeEquals(digest.bytes, target)
  }

  /// The hot loop: the prefix is digested once, each candidate's middle and the suffix
  /// once, each key once per candidate, from raw memory, so that nothing is retained or
  /// allocated per digest.
  private func search(
    _ job: Job,
    jobIndex: Int,
    range: Range<Int>,
    keys: KeyRing
  ) throws(OpenSSLError) -> [Match] {
    var prefixState = try DigestState(algorithm)
    try prefixState.update(job.prefix)
    var output = [UInt8](repeating: 0, count: algorithm.byteCount)
    var found: [Match] = []
    try keys.bytes.withBytes { (allKeys) throws(OpenSSLError) in
      try job.suffix.withBytes { (suffix) throws(OpenSSLError) in
        let keyBytes = UnsafeRawBufferPointer(allKeys)
        for index in range {
          var state = prefixState
          try Self.absorbMiddle(job.middle, index, into: &state)
          try state.update(UnsafeRawBufferPointer(suffix))
          for key in keys.ranges.indices {
            var keyed = state
            try keyed.update(UnsafeRawBufferPointer(rebasing: keyBytes[keys.ranges[key]]))
            try keyed.finalize(into: &output)
            if constantTimeEquals(output, target) {
              found.append(Match(job: jobIndex, index: index, key: key))
            }
          }
        }
      }
    }
    return found
  }

  /// The HMAC loop: each key's inner state absorbs the prefix once, and is copied for
  /// each candidate's middle and suffix.
  private func search(
    _ job: Job,
    jobIndex: Int,
    range: Range<Int>,
    hmacs: [HMACState]
  ) throws(OpenSSLError) -> [Match] {
    var found: [Match] = []
    try job.suffix.withBytes { (suffix) throws(OpenSSLError) in
      for (key, hmac) in hmacs.enumerated() {
        var prefixState = hmac.messageState
        try prefixState.update(job.prefix)
        for index in range {
          var state = prefixState
          try Self.absorbMiddle(job.middle, index, into: &state)
          try state.update(UnsafeRawBufferPointer(suffix))
          if constantTimeEquals(try hmac.finalize(state).bytes, target) {
            found.append(Match(job: jobIndex, index: index, key: key))
          }
        }
      }
    }
    return found
  }

  /// Feeds the varying part of candidate `index` to the state; a number is written as
  /// decimal digits on the stack.
  @inline(__always)
  private static func absorbMiddle(
    _ middle: Job.Middle,
    _ index: Int,
    into state: inout DigestState
  ) throws(OpenSSLError) {
    switch middle {
    case .none:
      return
    case .text(let value):
      try state.update(value(index))
    case .integer(let value):
      let number = value(index)
      var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
      var failure: OpenSSLError?
      withUnsafeMutableBytes(of: &digits) { buffer in
        var magnitude = number.magnitude
        var start = buffer.count
        repeat {
          start -= 1
          buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
        } while magnitude > 0
        if number < 0 {
          start -= 1
          buffer[start] = UInt8(ascii: "-")
        }
        do throws(OpenSSLError) {
          try state.update(UnsafeRawBufferPointer(rebasing: buffer[start...]))
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
    }
  }
}

/// Keys laid end to end in one buffer, so that the hot loop reads them without touching
/// reference counts.
private struct KeyRing: Sendable {
  let bytes: [UInt8]
  let ranges: [Range<Int>]

  init(_ keys: [[UInt8]]) {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    for key in keys {
      ranges.append(bytes.count..<bytes.count + key.count)
      bytes += key
    }
    self.bytes = bytes
    self.ranges = ranges
  }
}
