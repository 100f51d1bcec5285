/// Runs the rules over the evidence, verifies their hypotheses under the secrets, and ranks
/// the findings.
public struct DiagnosisEngine: Sendable {
  /// The rules, in catalog order.
  public let rules: [any Rule]
  /// The most a search spends, in digests of up to 128 bytes (a longer string costs one
  /// more per 128 bytes).
  public let searchBudget: Int

  /// The search budget unless told otherwise, which keeps the longest search to a few
  /// seconds on two cores.
  public static let defaultSearchBudget = 12_000_000

  public init(rules: [any Rule] = RuleCatalog.all, searchBudget: Int = defaultSearchBudget) {
    self.rules = rules
    self.searchBudget = searchBudget
  }

  /// Diagnoses the evidence.
  ///
  /// - Throws: `OpenSSLError` when libcrypto refuses a digest.
  public func diagnose(_ evidence: Evidence) throws(OpenSSLError) -> Diagnosis {
    var findings = rules.flatMap { $0.evaluate(evidence) }
    var summary: SearchSummary?

    if let search = HypothesisSearch(evidence: evidence, rules: rules, budget: searchBudget) {
      let outcome = try search.run()
      summary = outcome.summary
      if var verified = outcome.verified {
        // NB: a flow that wants SHA-256 (a Media Library login) signed right with SHA-1: the
        // proof shows the string and the secret are right, so the algorithm is what is wrong.
        if verified.rules == [KeyPairMismatchRule.slug],
          findings.contains(where: { $0.rule.slug == AlgorithmMismatchRule.slug })
        {
          verified = verified.credited(to: [AlgorithmMismatchRule.slug])
        }
        findings = merge(verified: verified, into: findings, evidence: evidence)
        findings += rules.flatMap { $0.findings(after: verified, evidence: evidence) }
        if verified.secretChangeIsCleanup, let change = verified.secretChange {
          findings = Self.noting(cleanup: change, of: verified.proof.secretLabel, in: findings)
        }
      } else {
        findings = findings.map { finding in
          var tested = finding
          if outcome.testedRules.contains(finding.rule.slug) {
            tested.confidence *= 0.6
            tested.evidence.append(EvidenceNote(
              "Under the secrets given, this mistake does not reproduce the signature the client sent."))
          }
          return tested
        }
        findings.append(WrongSecretRule.finding(for: outcome.summary, evidence: evidence))
      }
    }
    return Diagnosis(evidence: evidence, findings: Self.ranked(findings), search: summary)
  }

  /// Rules whose findings are guesses at what the client signed, or how: a proof shows
  /// exactly that, so their findings that it does not verify are refuted.
  static let refutedByProof = ClientComparison.rules.union(["secret-format", "digest-construction"])

  /// Verified findings replace the rule's unverified ones, and the proof refutes the other
  /// guesses at what was signed; a match of the client's own string proves every finding
  /// drawn from comparing it with the server's.
  private func merge(
    verified: VerifiedHypothesis,
    into findings: [Finding],
    evidence: Evidence
  ) -> [Finding] {
    var result: [Finding] = []
    if verified.rules == [ClientComparison.rule] {
      let comparing = findings.filter { ClientComparison.rules.contains($0.rule.slug) }
      let others = findings.filter { !Self.refutedByProof.contains($0.rule.slug) }
      guard !comparing.isEmpty else {
        return others + [ValueMismatchRule().verifiedFinding(verified, evidence: evidence)]
      }
      return comparing.map { $0.verified(by: verified) } + others
    }
    var verifiedRules = Set<String>()
    for slug in verified.rules where verifiedRules.insert(slug).inserted {
      guard let rule = rules.first(where: { type(of: $0).description.slug == slug }) else { continue }
      var finding = rule.verifiedFinding(verified, evidence: evidence)
      finding.proofPosition = verifiedRules.count
      let structural = findings.filter { $0.rule.slug == slug }.flatMap(\.evidence)
      finding.evidence = structural + finding.evidence.filter { !structural.contains($0) }
      result.append(finding)
    }
    return result + findings.filter { !Self.refutedByProof.union(verifiedRules).contains($0.rule.slug) }
  }

  /// The findings with a note on the first that sigdoc's copy of the secret, not the
  /// client's, holds stray bytes: the client signed without them.
  static func noting(cleanup change: String, of label: String, in findings: [Finding]) -> [Finding] {
    guard let top = findings.indices.first(where: { findings[$0].isVerified }) else { return findings }
    var noted = findings
    noted[top].evidence.append(EvidenceNote(
      "The signature was made with the secret from \(label) \(change): the copy sigdoc was given "
        + "holds those bytes, the client's signer did not sign them."))
    return noted
  }

  /// Verified first (in the order of the proof's mistakes), then by confidence, then by
  /// rule code, then by place in the input.
  static func ranked(_ findings: [Finding]) -> [Finding] {
    findings.sorted { lhs, rhs in
      if lhs.isVerified != rhs.isVerified { return lhs.isVerified }
      if lhs.proofPosition != rhs.proofPosition { return lhs.proofPosition < rhs.proofPosition }
      if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
      if lhs.rule.code != rhs.rule.code { return lhs.rule.code < rhs.rule.code }
      let left = lhs.firstLocation.map { ($0.input.rawValue, $0.span.lowerBound) } ?? ("~", Int.max)
      let right = rhs.firstLocation.map { ($0.input.rawValue, $0.span.lowerBound) } ?? ("~", Int.max)
      return left < right
    }
  }
}

/// The pseudo-rule under which the client's own string is tried, and the rules whose
/// findings that string proves when it matches.
enum ClientComparison {
  static let rule = "client-string"
  static let rules: Set<String> = [
    "missing-source-uw", "param-not-signed", "param-not-sent", "value-mismatch", "encoding-mismatch",
    "null-value", "empty-value", "excluded-key-signed", "unsorted-params", "timestamp-mismatch",
    "timestamp-in-milliseconds", "timestamp-format", "nested-data",
  ]
}
