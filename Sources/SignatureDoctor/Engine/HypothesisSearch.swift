/// Searches for the string, secret and recipe that reproduce the client's signature, in
/// stages from the likeliest to the costliest, stopping after the first stage that finds it.
///
/// 1. The server's own string (a match means the key pair is wrong), the client's own
///    string, and every single mistake the rules suspect, with each secret as given.
/// 2. The same strings with each way of holding the secret wrong, and each wrong recipe
///    (HMAC, the secret first or in the middle).
/// 3. Value searches: timestamps within an hour, milliseconds within ten seconds.
/// 4. Two mistakes at once: pairs of single mistakes, a search after a mistake, a search
///    with a wrong secret.
struct HypothesisSearch {
  struct Step: Hashable {
    let rule: String
    let summary: String
    /// Whether the step comes from an edit enumerated blindly (see `Edit.isExhaustive`).
    var isExhaustive = false

    init(rule: String, summary: String, isExhaustive: Bool = false) {
      self.rule = rule
      self.summary = summary
      self.isExhaustive = isExhaustive
    }

    init(_ edit: Edit) {
      self.init(rule: edit.rule, summary: edit.summary, isExhaustive: edit.isExhaustive)
    }
  }

  struct Trial: Sendable {
    let candidate: Candidate
    let steps: [Step]
    /// The candidate written out, once.
    let text: String

    init(candidate: Candidate, steps: [Step]) {
      self.candidate = candidate
      self.steps = steps
      text = candidate.text
    }
  }

  /// A key to append: a secret as given or as the client may have held it.
  struct Key {
    let bytes: [UInt8]
    let secret: Int
    let variant: SecretVariant
  }

  /// The rules' suspected mistakes, gathered only when the direct stage finds nothing.
  struct Hypotheses {
    let edits: [Edit]
    let searches: [ValueSearch]
    let variantKeys: [Key]
    /// Rules whose hypotheses the search tries.
    let testedRules: Set<String>
  }

  struct Outcome {
    let summary: SearchSummary
    let verified: VerifiedHypothesis?
    /// Rules whose hypotheses were tried.
    let testedRules: Set<String>
  }

  let evidence: Evidence
  let rules: [any Rule]
  let verifier: Verifier
  let base: Candidate
  let exactKeys: [Key]

  /// How many digests the search may compute: it starts no stage past this, and a value
  /// search stops short of twice it.
  let budget: Int

  init?(evidence: Evidence, rules: [any Rule], budget: Int) {
    guard !evidence.secrets.isEmpty, let sent = evidence.sentSignature, let bytes = sent.bytes,
      let algorithm = sent.algorithm, !evidence.serverPairs.isEmpty
    else { return nil }
    self.evidence = evidence
    self.rules = rules
    self.budget = budget
    verifier = Verifier(target: bytes, algorithm: algorithm)
    base = Candidate(server: evidence.serverPairs)
    exactKeys = evidence.secrets.enumerated().map { Key(bytes: $1.bytes, secret: $0, variant: .exact) }
  }

  /// The stages, cheapest and likeliest first.
  enum Stage: CaseIterable {
    case direct
    case singleMistakes
    case secretVariants
    case recipes
    case valueSearches
    case doubleMistakes
    case variationsAfterMistakes
    case searchesAfterMistakes
    case searchesWithSecretVariants
    case recipesWithSecretVariants
    case searchesUnderHMAC
  }

  func run() throws(OpenSSLError) -> Outcome {
    var counter = Counter()
    let server = [Trial(candidate: base, steps: [])]
    let direct = unique(server + (clientTrial().map { [$0] } ?? []))
    if let verified = try tryAppended(direct, keys: exactKeys, counter: &counter) {
      let tested: Set<String> = ["key-pair-mismatch", ClientComparison.rule]
      return Outcome(
        summary: summary(counter, verified: verified, hypotheses: nil, ran: [.direct]),
        verified: verified,
        testedRules: tested
      )
    }

    let hypotheses = gatherHypotheses()
    let singles = singleMistakes(hypotheses.edits)
    let mistakes = singles.filter { !$0.steps.isEmpty }
    let keys = hypotheses.variantKeys
    var ran: [Stage] = [.direct]
    for stage in Stage.allCases.dropFirst() {
      let verified: VerifiedHypothesis?
      switch stage {
      case .direct: verified = nil
      case .singleMistakes:
        let afterDirect = Array(singles.dropFirst(direct.count))
        verified = try tryAppended(afterDirect, keys: exactKeys, counter: &counter)
      case .secretVariants: verified = try tryAppended(singles, keys: keys, counter: &counter)
      case .recipes: verified = try tryRecipes(singles, keys: exactKeys, counter: &counter)
      case .valueSearches:
        verified = try trySearches(on: server, hypotheses.searches, keys: exactKeys, counter: &counter)
      case .doubleMistakes:
        verified = try tryAppended(doubleMistakes(hypotheses.edits), keys: exactKeys, counter: &counter)
      case .variationsAfterMistakes:
        verified = try tryAppended(variations(after: mistakes), keys: exactKeys, counter: &counter)
      case .searchesAfterMistakes:
        // NB: 720 orders, each searched, would crowd out every likelier pair of mistakes.
        let likely = mistakes.filter { !$0.steps.contains(where: \.isExhaustive) }
        verified = try trySearches(on: likely, hypotheses.searches, keys: exactKeys, counter: &counter)
      case .searchesWithSecretVariants:
        verified = try trySearches(on: server, hypotheses.searches, keys: keys, counter: &counter)
      case .recipesWithSecretVariants:
        verified = try tryRecipes(singles, keys: keys, counter: &counter)
      case .searchesUnderHMAC:
        verified = try trySearches(
          on: server,
          hypotheses.searches,
          keys: exactKeys,
          keying: .hmac,
          counter: &counter
        )
      }
      ran.append(stage)
      if let verified {
        return Outcome(
          summary: summary(counter, verified: verified, hypotheses: hypotheses, ran: ran),
          verified: verified,
          testedRules: hypotheses.testedRules
        )
      }
      if counter.digests > budget { break }
    }
    return Outcome(
      summary: summary(counter, verified: nil, hypotheses: hypotheses, ran: ran),
      verified: nil,
      testedRules: hypotheses.testedRules
    )
  }

  /// Every rule's edits, searches and ways of holding the secret.
  func gatherHypotheses() -> Hypotheses {
    let edits = rules.flatMap { $0.edits(evidence) }
    let searches = rules.flatMap { $0.searches(evidence) }
    let variants = rules.flatMap { $0.secretVariants(evidence) }
    var seen = Set(exactKeys.map(\.bytes))
    var keys: [Key] = []
    for (index, secret) in evidence.secrets.enumerated() {
      for variant in variants {
        guard let bytes = variant.bytes(of: secret.bytes), seen.insert(bytes).inserted else { continue }
        keys.append(Key(bytes: bytes, secret: index, variant: variant))
      }
    }
    let tested = Set(edits.map(\.rule) + searches.map(\.rule) + variants.map(\.rule))
      .union(["key-pair-mismatch", "digest-construction", ClientComparison.rule])
    return Hypotheses(edits: edits, searches: searches, variantKeys: keys, testedRules: tested)
  }
}

// MARK: - Candidates

private extension HypothesisSearch {
  struct Counter {
    var candidates = 0
    var digests = 0
    /// Whether a stage left candidates untried to stay within the budget.
    var isCut = false
  }

  /// The server's string, the client's, and each single mistake applied to the server's,
  /// without repeats.
  func singleMistakes(_ edits: [Edit]) -> [Trial] {
    var trials = [Trial(candidate: base, steps: [])]
    if let client = clientTrial() { trials.append(client) }
    for edit in edits {
      guard let candidate = edit.apply(base) else { continue }
      trials.append(Trial(candidate: candidate, steps: [Step(edit)]))
    }
    return unique(trials)
  }

  /// Two different single mistakes applied one after the other, built on every core.
  func doubleMistakes(_ edits: [Edit]) -> [Trial] {
    let base = base
    let results = ConcurrentResults<[Trial]>(count: edits.count)
    Parallel.forEach(edits.count) { index in
      let first = edits[index]
      var trials: [Trial] = []
      if let once = first.apply(base) {
        for second in edits[(index + 1)...] {
          guard let twice = second.apply(once) else { continue }
          trials.append(Trial(candidate: twice, steps: [Step(first), Step(second)]))
        }
      }
      results.store(trials, at: index)
    }
    return unique(results.values.flatMap { $0 })
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

// MARK: - Trying

private extension HypothesisSearch {
  func tryAppended(
    _ trials: [Trial],
    keys: [Key],
    counter: inout Counter
  ) throws(OpenSSLError) -> VerifiedHypothesis? {
    guard !trials.isEmpty, !keys.isEmpty else { return nil }
    let jobs = trials.map { Verifier.Job(message: Array($0.text.utf8)) }
    let (matches, digests) = try verifier.findAppended(jobs: jobs, keys: keys.map(\.bytes))
    counter.candidates += trials.count
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
      var pairEnds: [Int] = []
      var end = 0
      for pair in ordered {
        end += pair.utf8.count
        pairEnds.append(end)
        end += 1
      }
      let recipes = [Recipe.hmac, .secretFirst] + pairEnds.indices.dropLast().map(Recipe.secretAfterPair)
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
    var jobs: [Verifier.Job] = []
    var origins: [(trial: Trial, search: ValueSearch)] = []
    for trial in trials where trial.candidate.transform == nil {
      for search in searches {
        guard let (before, after) = split(trial.candidate, around: search.key) else { continue }
        let middle: Verifier.Job.Middle = search.integer.map { .integer($0) } ?? .text(search.value)
        jobs.append(Verifier.Job(prefix: before, count: search.count, middle: middle, suffix: after))
        origins.append((trial, search))
      }
    }
    // Trials come likeliest first; beyond the budget the rest are left untried.
    var affordable = 0
    var cost = counter.digests
    while affordable < jobs.count, cost + jobs[affordable].count * keys.count <= budget * 2 {
      cost += jobs[affordable].count * keys.count
      affordable += 1
    }
    if affordable < jobs.count { counter.isCut = true }
    jobs.removeLast(jobs.count - affordable)
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

  /// The candidate's bytes before and after the value of `key`.
  func split(_ candidate: Candidate, around key: String) -> ([UInt8], [UInt8])? {
    let ordered = candidate.keepsOrder ? candidate.pairs : candidate.pairs.sorted(by: StringToSign.precedes)
    guard let index = ordered.firstIndex(where: { $0.hasPrefix(key + "=") }) else { return nil }
    let head = ordered[..<index].map { $0 + "&" }.joined() + key + "="
    let tail = ordered[(index + 1)...].map { "&" + $0 }.joined()
    return (Array(head.utf8), Array(tail.utf8))
  }
}

// MARK: - Results

private extension HypothesisSearch {
  func verified(
    steps: [Step],
    text: String,
    key: Key,
    recipe: Recipe,
    counter: Counter
  ) -> VerifiedHypothesis {
    let secret = evidence.secrets[key.secret]
    let secretChange = key.variant == .exact ? nil : key.variant.summary
    var rules = steps.map(\.rule)
    if secretChange != nil, !key.variant.isCleanup { rules.append(key.variant.rule) }
    if recipe != .plain || Self.isWronglyEncoded(evidence.sentSignature) { rules.append(Recipe.rule) }
    if rules.isEmpty { rules = ["key-pair-mismatch"] }

    let placeholder = "{secret}"
    let digested: String
    switch recipe {
    case .plain, .hmac: digested = recipe == .plain ? text + placeholder : text
    case .secretFirst: digested = placeholder + text
    case .secretAfterPair(let index):
      let pairs = text.split(separator: "&", omittingEmptySubsequences: false)
      let head = pairs[...index].joined(separator: "&")
      let tail = pairs[(index + 1)...].joined(separator: "&")
      digested = head + placeholder + "&" + tail
    }
    let algorithm = verifier.algorithm.displayName
    let held = secretChange.map { "the secret from \(secret.label), \($0)" }
      ?? "the secret from \(secret.label)"
    let recipeText: String
    switch recipe {
    case .plain: recipeText = "\(algorithm) of the string followed by \(held)"
    case .hmac: recipeText = "HMAC-\(algorithm) of the string, keyed with \(held)"
    case .secretFirst: recipeText = "\(algorithm) of \(held) followed by the string"
    case .secretAfterPair:
      recipeText = "\(algorithm) of the string with \(held) inserted where {secret} stands"
    }
    let proof = Proof(
      secretLabel: secret.label,
      digestedText: digested,
      recipe: recipeText,
      signature: evidence.sentSignature?.text ?? "",
      candidatesTried: counter.candidates
    )
    return VerifiedHypothesis(
      mistakes: steps.filter { $0.rule != ClientComparison.rule }.map(\.summary),
      rules: rules,
      clientBasis: steps.first { $0.rule == ClientComparison.rule }?.summary,
      secretChange: secretChange,
      secretChangeIsCleanup: key.variant.isCleanup,
      recipe: recipe,
      proof: proof
    )
  }

  /// Whether the sent signature is a digest in an encoding Cloudinary does not read.
  static func isWronglyEncoded(_ signature: SentSignature?) -> Bool {
    switch signature?.shape {
    case .upperHex, .base64: true
    default: false
    }
  }

  func summary(
    _ counter: Counter,
    verified: VerifiedHypothesis?,
    hypotheses: Hypotheses?,
    ran: [Stage]
  ) -> SearchSummary {
    let described = Stage.allCases.map { describe($0, hypotheses: hypotheses) }
    let tried = zip(Stage.allCases, described).compactMap { ran.contains($0) ? $1 : nil }.flatMap { $0 }
    var skipped = zip(Stage.allCases, described).compactMap { ran.contains($0) ? nil : $1 }.flatMap { $0 }
    if verified != nil || hypotheses == nil { skipped = [] }
    if verified == nil, counter.isCut, let last = ran.last {
      skipped.insert("part of " + describe(last, hypotheses: hypotheses).joined(separator: ", "), at: 0)
    }
    return SearchSummary(
      secretLabels: evidence.secrets.map(\.label),
      candidates: counter.candidates,
      digests: counter.digests,
      isVerified: verified != nil,
      matchingSecret: verified?.proof.secretLabel,
      tried: tried,
      skipped: skipped,
      budget: budget
    )
  }

  /// What a stage tries, as phrases for the report; none when it has nothing to try.
  func describe(_ stage: Stage, hypotheses: Hypotheses?) -> [String] {
    let searches = hypotheses?.searches.map(\.summary).joined(separator: ", ") ?? ""
    let ways = (hypotheses?.variantKeys.count ?? 0) / max(1, evidence.secrets.count)
    switch stage {
    case .direct:
      return ["the server's string"] + (evidence.client == nil ? [] : ["the client's own string"])
    case .singleMistakes: return hypotheses.map { ["\($0.edits.count) single mistakes"] } ?? []
    case .secretVariants: return ways > 0 ? ["\(ways) ways of holding the secret"] : []
    case .recipes: return ["HMAC and the secret placed elsewhere"]
    case .valueSearches: return searches.isEmpty ? [] : [searches]
    case .doubleMistakes: return ["pairs of mistakes"]
    case .variationsAfterMistakes: return ["other orders of the pairs after a mistake"]
    case .searchesAfterMistakes: return searches.isEmpty ? [] : ["each search after a mistake"]
    case .searchesWithSecretVariants:
      return searches.isEmpty || ways == 0 ? [] : ["each search with each way of holding the secret"]
    case .recipesWithSecretVariants:
      return ways > 0 ? ["HMAC and the secret placed elsewhere with each way of holding the secret"] : []
    case .searchesUnderHMAC: return searches.isEmpty ? [] : ["each search under HMAC"]
    }
  }
}
