/// Runs the rules over the evidence, verifies their hypotheses under the secrets, and ranks
/// the findings.
public struct DiagnosisEngine: Sendable {
  /// The rules, in catalog order.
  public let rules: [any Rule]

  public init(rules: [any Rule] = RuleCatalog.all) {
    self.rules = rules
  }

  /// Diagnoses the evidence.
  ///
  /// - Throws: `OpenSSLError` when libcrypto refuses a digest.
  public func diagnose(_ evidence: Evidence) throws(OpenSSLError) -> Diagnosis {
    var findings = rules.flatMap { $0.evaluate(evidence) }
    var summary: SearchSummary?

    if let search = HypothesisSearch(evidence: evidence, rules: rules) {
      let outcome = try search.run()
      summary = outcome.summary
      if let verified = outcome.verified {
        findings = merge(verified: verified, into: findings, evidence: evidence)
        findings += rules.flatMap { $0.findings(after: verified, evidence: evidence) }
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

  /// Verified findings replace the rule's unverified ones; a match of the client's own
  /// string proves every finding drawn from comparing it with the server's.
  private func merge(
    verified: VerifiedHypothesis,
    into findings: [Finding],
    evidence: Evidence
  ) -> [Finding] {
    var result: [Finding] = []
    if verified.rules == [ClientComparison.rule] {
      let comparing = findings.filter { ClientComparison.rules.contains($0.rule.slug) }
      guard !comparing.isEmpty else {
        return findings + [ValueMismatchRule().verifiedFinding(verified, evidence: evidence)]
      }
      return findings.map { ClientComparison.rules.contains($0.rule.slug) ? $0.verified(by: verified) : $0 }
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
    return result + findings.filter { !verifiedRules.contains($0.rule.slug) }
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
