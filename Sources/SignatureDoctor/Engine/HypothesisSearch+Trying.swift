// Digesting the candidates, within the budget.

extension HypothesisSearch {
  /// What the search has done so far.
  struct Counter {
    var candidates = 0
    var digests = 0
    /// What the digests cost, in `Cost` units.
    var spent = 0
    /// Whether a stage left candidates untried to stay within the budget.
    var isCut = false
  }

  /// What digesting costs: one unit per digest of up to 128 bytes, one more per 128
  /// bytes beyond, so that a search over long strings stops as soon as one over short ones.
  enum Cost {
    static func of(bytes: Int) -> Int { 1 + bytes >> 7 }
  }

  /// The most a stage may have spent when it stops: twice the budget.
  var ceiling: Int { budget * 2 }

  func tryAppended(
    _ trials: [Trial],
    keys: [Key],
    counter: inout Counter
  ) throws(OpenSSLError) -> VerifiedHypothesis? {
    guard !trials.isEmpty, !keys.isEmpty else { return nil }
    let keyBytes = keys.reduce(0) { $0 + $1.bytes.count } / keys.count
    var jobs: [Verifier.Job] = []
    for trial in trials {
      let message = Array(trial.text.utf8)
      let cost = Cost.of(bytes: message.count + keyBytes) * keys.count
      guard counter.spent + cost <= ceiling else {
        counter.isCut = true
        break
      }
      counter.spent += cost
      jobs.append(Verifier.Job(message: message))
    }
    let (matches, digests) = try verifier.find(jobs: jobs, keys: keys.map(\.bytes), keying: .appended)
    counter.candidates += jobs.count
    counter.digests += digests
    guard let match = matches.first else { return nil }
    let trial = trials[match.job]
    return verified(
      steps: trial.steps,
      text: trial.text,
      key: keys[match.key],
      recipe: .plain,
      counter: counter
    )
  }

  func tryRecipes(
    _ trials: [Trial],
    keys: [Key],
    counter: inout Counter
  ) throws(OpenSSLError) -> VerifiedHypothesis? {
    for trial in trials where trial.candidate.transform == nil {
      let ordered =
        trial.candidate.keepsOrder
        ? trial.candidate.pairs
        : trial.candidate.pairs.sorted(by: StringToSign.precedes)
      let message = Array(ordered.joined(separator: "&").utf8)
      let pairEnds = Recipe.pairEnds(of: ordered)
      let recipes = [Recipe.hmac, .secretFirst] + pairEnds.indices.dropLast().map(Recipe.secretAfterPair)
      let cost = recipes.count * keys.reduce(0) { $0 + Cost.of(bytes: message.count + $1.bytes.count) }
      guard counter.spent + cost <= ceiling else {
        counter.isCut = true
        return nil
      }
      counter.spent += cost
      counter.candidates += 1
      for recipe in recipes {
        for key in keys {
          counter.digests += 1
          if try verifier.matches(message: message, pairEnds: pairEnds, key: key.bytes, recipe: recipe) {
            return verified(
              steps: trial.steps,
              text: String(decoding: message, as: UTF8.self),
              key: key,
              recipe: recipe,
              counter: counter
            )
          }
        }
      }
    }
    return nil
  }

  func trySearches(
    on trials: [Trial],
    _ searches: [ValueSearch],
    keys: [Key],
    keying: Verifier.Keying = .appended,
    counter: inout Counter
  ) throws(OpenSSLError) -> VerifiedHypothesis? {
    guard !keys.isEmpty else { return nil }
    let keyBytes = keys.reduce(0) { $0 + $1.bytes.count } / keys.count
    // An HMAC is two digests, the second of a digest.
    let perDigest = keying == .hmac ? 2 : 1
    var jobs: [Verifier.Job] = []
    var origins: [(trial: Trial, search: ValueSearch)] = []
    // Trials come likeliest first; beyond the budget the rest are left untried.
    search: for trial in trials where trial.candidate.transform == nil {
      for search in searches {
        guard let (before, after) = split(trial.candidate, around: search.key) else { continue }
        let middle: Verifier.Job.Middle = search.integer.map { .integer($0) } ?? .text(search.value)
        let job = Verifier.Job(prefix: before, count: search.count, middle: middle, suffix: after)
        let cost = keys.count * perDigest * Self.cost(of: job, keyBytes: keyBytes)
        guard counter.spent + cost <= ceiling else {
          counter.isCut = true
          break search
        }
        counter.spent += cost
        jobs.append(job)
        origins.append((trial, search))
      }
    }
    let (matches, digests) = try verifier.find(jobs: jobs, keys: keys.map(\.bytes), keying: keying)
    counter.candidates += jobs.reduce(0) { $0 + $1.count }
    counter.digests += digests
    guard let match = matches.first else { return nil }
    let (trial, search) = origins[match.job]
    let step = Step(rule: search.rule, summary: search.summary + " (" + search.describe(match.index) + ")")
    let text = String(decoding: jobs[match.job].message(match.index), as: UTF8.self)
    return verified(
      steps: trial.steps + [step],
      text: text,
      key: keys[match.key],
      recipe: keying == .hmac ? .hmac : .plain,
      counter: counter
    )
  }

  /// What a family of candidates costs with one key: its prefix once per unit of work,
  /// then each candidate's varying part, suffix and key.
  static func cost(of job: Verifier.Job, keyBytes: Int) -> Int {
    let units = (job.count + Verifier.chunk - 1) / Verifier.chunk
    return units * Cost.of(bytes: job.prefix.count) + job.count * Cost.of(bytes: 20 + job.suffix.count + keyBytes)
  }

  /// The candidate's bytes before and after the value of `key`.
  func split(_ candidate: Candidate, around key: String) -> ([UInt8], [UInt8])? {
    let ordered = candidate.keepsOrder ? candidate.pairs : candidate.pairs.sorted(by: StringToSign.precedes)
    guard let index = ordered.firstIndex(where: { Candidate.pair($0, hasKey: key) }) else { return nil }
    let head = ordered[..<index].map { $0 + "&" }.joined() + key + "="
    let tail = ordered[(index + 1)...].map { "&" + $0 }.joined()
    return (Array(head.utf8), Array(tail.utf8))
  }
}
