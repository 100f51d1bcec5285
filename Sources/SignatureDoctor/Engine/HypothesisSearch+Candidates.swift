// The candidates each stage tries, built from the rules' hypotheses.

extension HypothesisSearch {
  /// The server's string, the client's, and each single mistake applied to the server's,
  /// without repeats.
  ///
  /// At most `pairCap` pairs are held in all: the edits past it are left untried, and the
  /// search says so.
  func singleMistakes(_ edits: [Edit], counter: inout Counter) -> [Trial] {
    var trials = [Trial(candidate: base, steps: [])]
    if let client = clientTrial() { trials.append(client) }
    let affordable = Self.affordableCandidates(holding: base.pairs.count)
    if edits.count > affordable { counter.isCut = true }
    for edit in edits.prefix(affordable) {
      guard let candidate = edit.apply(base) else { continue }
      trials.append(Trial(candidate: candidate, steps: [Step(edit)]))
    }
    return unique(trials)
  }

  /// How many pairs of mistakes are built and tried at a time, at most.
  static let pairBatch = 4096

  /// The most pairs (`key=value` texts) the candidates of one stage hold at once, which
  /// bounds its memory: a string of thousands of pairs is no real request, and its
  /// mistakes are tried only as far as this allows.
  static let pairCap = 2_000_000

  /// How many candidates of `pairs` pairs each fit under `pairCap`.
  static func affordableCandidates(holding pairs: Int) -> Int {
    pairCap / max(1, pairs)
  }

  /// Two different single mistakes applied one after the other, built on every core and
  /// tried batch by batch, pairs among the earlier edits first, until one reproduces the
  /// signature or the budget runs out.
  func tryDoubleMistakes(
    _ edits: [Edit],
    after singles: [Trial],
    counter: inout Counter
  ) throws(OpenSSLError) -> VerifiedHypothesis? {
    let base = base
    let affordable = Self.affordableCandidates(holding: base.pairs.count)
    let batch = min(Self.pairBatch, affordable)
    if edits.count > affordable { counter.isCut = true }
    let edits = Array(edits.prefix(affordable))
    let onces = ConcurrentResults<Candidate?>(count: edits.count)
    Parallel.forEach(edits.count) { onces.store(edits[$0].apply(base), at: $0) }
    let once = onces.values
    // NB: texts already tried are remembered by a 64-bit FNV-1a fingerprint rather than
    // kept whole, so that memory does not grow with the pairs; two texts that share one
    // (about one chance in 10^7 at a million pairs) are taken as the same, the same way on
    // every run.
    var seen = Set(singles.map { Self.fingerprint($0.text) })
    var row = 1
    while row < edits.count {
      var end = row
      var size = 0
      while end < edits.count, size < batch {
        size += end
        end += 1
      }
      let rows = Array(row..<end)
      let built = ConcurrentResults<[Trial]>(count: rows.count)
      Parallel.forEach(rows.count) { index in
        let second = edits[rows[index]]
        var trials: [Trial] = []
        for (first, applied) in zip(edits, once).prefix(rows[index]) {
          guard let applied, let twice = second.apply(applied) else { continue }
          trials.append(Trial(candidate: twice, steps: [Step(first), Step(second)]))
        }
        built.store(trials, at: index)
      }
      let fresh = built.values.flatMap { $0 }.filter { seen.insert(Self.fingerprint($0.text)).inserted }
      if let verified = try tryAppended(fresh, keys: exactKeys, counter: &counter) { return verified }
      if counter.isCut { return nil }
      row = end
    }
    return nil
  }

  /// The 64-bit FNV-1a hash of a text's UTF-8 bytes: the same on every run.
  static func fingerprint(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// Each rule's mistakes made on top of another rule's single mistake, where the rule's
  /// own edits apply only to the server's string (every order of a few pairs).
  func variations(after mistakes: [Trial]) -> [Trial] {
    var trials: [Trial] = []
    for rule in rules {
      let slug = type(of: rule).description.slug
      for trial in mistakes where !trial.steps.contains(where: { $0.rule == slug }) {
        for variation in rule.variations(of: trial.candidate) {
          let step = Step(rule: slug, summary: variation.summary)
          trials.append(Trial(candidate: variation.candidate, steps: trial.steps + [step]))
        }
      }
    }
    return unique(trials)
  }

  /// The client's own string, as a trial.
  func clientTrial() -> Trial? {
    let basis = evidence.client?.loggedStringToSign == nil ? "the parameters it showed" : "the string it logged"
    let step = Step(rule: ClientComparison.rule, summary: basis)
    return clientCandidate().map { Trial(candidate: $0, steps: [step]) }
  }

  /// What the client's own input says it signed: its logged string as it is, or its
  /// parameters under the reference signer.
  func clientCandidate() -> Candidate? {
    guard let client = evidence.client else { return nil }
    if let logged = client.loggedStringToSign {
      return Candidate(pairs: SignedPair.pairs(in: logged.text).map(\.text), keepsOrder: true)
    }
    let options = SigningOptions(nestedValues: .renderLikeServer)
    guard let text = try? StringToSign(client.parameters, options: options) else {
      return nil
    }
    return Candidate(pairs: text.pairs, keepsOrder: true)
  }

  func unique(_ trials: [Trial]) -> [Trial] {
    var seen = Set<ExactText>()
    return trials.filter { seen.insert(ExactText($0.text)).inserted }
  }
}
