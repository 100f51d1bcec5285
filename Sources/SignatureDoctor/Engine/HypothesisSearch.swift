/// Searches for the string, secret and recipe that reproduce the client's signature, in
/// stages from the likeliest to the costliest, stopping after the first stage that finds it.
///
/// 1. The server's own string (a match means the key pair is wrong), the client's own
///    string, and every single mistake the rules suspect, with each secret as given.
/// 2. The same strings with each way of holding the secret wrong, and each wrong recipe
///    (HMAC, the secret first or in the middle).
/// 3. Value searches: timestamps within an hour, milliseconds within ten seconds.
/// 4. Two mistakes at once: pairs of single mistakes, another order after a mistake, a
///    search after a mistake, with a wrong secret or under HMAC, a recipe with a wrong
///    secret.
///
/// Its cost is bounded by `budget`, counted in digests of up to 128 bytes so that long
/// strings cost what they take: no stage starts past the budget, and none spends past
/// twice it. Pairs of mistakes are built and tried in batches, so memory stays bounded
/// however many parameters there are.
struct HypothesisSearch {
  struct Step: Hashable {
    let rule: String
    let summary: String
    /// Whether the step comes from an edit enumerated blindly (see `Edit.isExhaustive`).
    let isExhaustive: Bool

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

  /// How much the search may spend, in digests of up to 128 bytes (see `Cost`).
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
    let singles = singleMistakes(hypotheses.edits, counter: &counter)
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
        verified = try tryDoubleMistakes(hypotheses.edits, after: singles, counter: &counter)
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
      if counter.spent > budget || counter.isCut { break }
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
