/// What sigdoc concluded: the evidence, the ranked findings, and what the search tried.
public struct Diagnosis: Sendable {
  /// What was read.
  public let evidence: Evidence
  /// The explanations, best first.
  public let findings: [Finding]
  /// What the search under the secrets tried, when it ran.
  public let search: SearchSummary?

  /// The best explanation, if any.
  public var topFinding: Finding? { findings.first }
}

/// What the search under the given secrets did.
public struct SearchSummary: Hashable, Sendable {
  /// The labels of the secrets tried.
  public let secretLabels: [String]
  /// Distinct strings the client may have signed.
  public let candidates: Int
  /// Digests computed.
  public let digests: Int
  /// Whether one reproduced the signature.
  public let isVerified: Bool
  /// The label of the secret that reproduced it.
  public let matchingSecret: String?
  /// What kinds of mistakes were tried, for the report.
  public let tried: [String]
  /// What the search left untried when it reached its budget.
  public let skipped: [String]
  /// The most digests the search could compute.
  public let budget: Int
}
