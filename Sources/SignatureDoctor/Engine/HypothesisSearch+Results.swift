// What a search found, and what it tried, for the report.

extension HypothesisSearch {
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
    let stages = Stage.allCases.map { (stage: $0, phrases: describe($0, hypotheses: hypotheses)) }
    let tried = stages.filter { ran.contains($0.stage) }.flatMap(\.phrases)
    var skipped: [String] = []
    if verified == nil, hypotheses != nil {
      skipped = stages.filter { !ran.contains($0.stage) }.flatMap(\.phrases)
    }
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
