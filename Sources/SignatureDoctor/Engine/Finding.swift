/// One explanation of why the signature was refused, with its evidence and its fix.
public struct Finding: Sendable {
  /// The rule that made it.
  public let rule: RuleDescription
  /// How likely it is to be the cause, from 0 to 1; 1 when verified.
  public var confidence: Double
  /// Whether a digest under a given secret reproduced the signature the client sent.
  public var isVerified: Bool
  /// The bottom line, in one sentence, as the report's first line when this ranks first.
  public var summary: String
  /// What was seen, each with where it was seen.
  public var evidence: [EvidenceNote]
  /// What to change.
  public var fix: String
  /// How the signature was reproduced, when it was.
  public var proof: Proof?
  /// For a finding verified with others by one proof, its place among the proof's
  /// mistakes, so that they are listed in the order they were made.
  var proofPosition = 0

  public init(
    rule: RuleDescription,
    confidence: Double,
    summary: String,
    evidence: [EvidenceNote] = [],
    fix: String,
    isVerified: Bool = false,
    proof: Proof? = nil
  ) {
    self.rule = rule
    self.confidence = confidence
    self.isVerified = isVerified
    self.summary = summary
    self.evidence = evidence
    self.fix = fix
    self.proof = proof
  }

  /// Where the finding points first, for ordering.
  var firstLocation: EvidenceLocation? { evidence.lazy.compactMap(\.location).first }
}

/// One observation behind a finding.
public struct EvidenceNote: Hashable, Sendable {
  /// The observation, in a sentence.
  public let text: String
  /// Where it was observed, if at one place.
  public let location: EvidenceLocation?

  public init(_ text: String, at location: EvidenceLocation? = nil) {
    self.text = text
    self.location = location
  }
}

/// How a verified finding reproduced the client's signature.
public struct Proof: Hashable, Sendable {
  /// Which secret signed: its label.
  public let secretLabel: String
  /// The exact string the client digested, with the secret shown as `{secret}` where it
  /// went (never the secret itself).
  public let digestedText: String
  /// How the digest was made, such as "SHA-1 of the string followed by the secret".
  public let recipe: String
  /// The signature it gives, which is the one the client sent.
  public let signature: String
  /// Candidates tried before the match.
  public let candidatesTried: Int

  public init(
    secretLabel: String,
    digestedText: String,
    recipe: String,
    signature: String,
    candidatesTried: Int
  ) {
    self.secretLabel = secretLabel
    self.digestedText = digestedText
    self.recipe = recipe
    self.signature = signature
    self.candidatesTried = candidatesTried
  }
}
