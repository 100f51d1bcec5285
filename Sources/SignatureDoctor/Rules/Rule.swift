/// A check that explains one way a signature goes wrong.
///
/// A rule looks at the evidence and says two things: what it sees without the secret
/// (`evaluate`, findings with a confidence), and what the client may have signed instead if
/// it is right (`edits`, `searches`, `secretVariants`), which the engine digests under
/// every secret given. When one of those reproduces the signature, the engine asks the rule
/// for its verified finding.
public protocol Rule: Sendable {
  /// The rule's names, explanation and examples.
  static var description: RuleDescription { get }

  init()

  /// Findings from the evidence alone.
  func evaluate(_ evidence: Evidence) -> [Finding]

  /// Single mistakes, each a change to the string the client should have signed.
  func edits(_ evidence: Evidence) -> [Edit]

  /// Mistakes with a value to search for.
  func searches(_ evidence: Evidence) -> [ValueSearch]

  /// Ways the client may have held the secret.
  func secretVariants(_ evidence: Evidence) -> [SecretVariant]

  /// This rule's mistakes made on a candidate that already holds another rule's, where
  /// `edits` cannot make them: they apply only to the server's own string.
  func variations(of candidate: Candidate) -> [(summary: String, candidate: Candidate)]

  /// The finding for a hypothesis of this rule's that reproduced the signature.
  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding

  /// Findings this rule adds once any rule's hypothesis has reproduced the signature, such
  /// as an alternative explanation the proof leaves open.
  func findings(after proof: VerifiedHypothesis, evidence: Evidence) -> [Finding]
}

extension Rule {
  public func edits(_ evidence: Evidence) -> [Edit] { [] }
  public func searches(_ evidence: Evidence) -> [ValueSearch] { [] }
  public func secretVariants(_ evidence: Evidence) -> [SecretVariant] { [] }
  public func variations(of candidate: Candidate) -> [(summary: String, candidate: Candidate)] { [] }
  public func findings(after proof: VerifiedHypothesis, evidence: Evidence) -> [Finding] { [] }

  public func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    Self.finding(
      confidence: 1,
      summary: proof.sentence,
      evidence: [EvidenceNote(proof.sentence)],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }

  /// The description's slug.
  public static var slug: String { description.slug }

  /// A finding of this rule.
  public static func finding(
    confidence: Double,
    summary: String,
    evidence: [EvidenceNote],
    fix: String
  ) -> Finding {
    Finding(rule: description, confidence: confidence, summary: summary, evidence: evidence, fix: fix)
  }
}

/// A hypothesis that reproduced the client's signature, as the engine hands it to the rule.
public struct VerifiedHypothesis: Sendable {
  /// The mistakes it assumed, in the order applied, as phrases: "left out source=uw".
  public let mistakes: [String]
  /// The rules of those mistakes.
  public let rules: [String]
  /// What the client signed the mistakes into, when not the server's string: "the
  /// parameters it showed", "the string it logged".
  public let clientBasis: String?
  /// What was done to the secret, if anything: "followed by a line feed".
  public let secretChange: String?
  /// Whether `secretChange` cleans sigdoc's copy of the secret (a stray line break, quotes)
  /// rather than describing a mistake of the client's.
  public let secretChangeIsCleanup: Bool
  /// How the digest was formed, if not as Cloudinary forms it.
  public let recipe: Recipe
  /// The proof to show.
  public let proof: Proof

  /// The mistakes as one sentence: "The client's signer left out source=uw."
  public var sentence: String {
    var parts = mistakes
    if let secretChange, !secretChangeIsCleanup { parts.append("used the secret \(secretChange)") }
    if recipe != .plain { parts.append(recipe.phrase) }
    guard let clientBasis else { return "The client's signer " + Self.listing(parts) + "." }
    if parts.isEmpty { return "The client's signer signed exactly \(clientBasis)." }
    return "The client's signer signed \(clientBasis), but " + Self.listing(parts) + "."
  }

  /// The same proof, credited to other rules: when what it shows is better explained by
  /// them, as a right SHA-1 signature of a flow that wants SHA-256.
  func credited(to rules: [String]) -> VerifiedHypothesis {
    VerifiedHypothesis(
      mistakes: mistakes,
      rules: rules,
      clientBasis: clientBasis,
      secretChange: secretChange,
      secretChangeIsCleanup: secretChangeIsCleanup,
      recipe: recipe,
      proof: proof
    )
  }

  static func listing(_ parts: [String]) -> String {
    switch parts.count {
    case 0: return "signed exactly the server's string"
    case 1: return parts[0]
    default: return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
  }
}

extension Recipe {
  /// What the recipe is, as a phrase after "the client's signer".
  var phrase: String {
    switch self {
    case .plain: "digested the string followed by the secret"
    case .hmac:
      "computed an HMAC keyed with the secret instead of a plain digest of the string and the secret"
    case .secretFirst: "put the secret before the string instead of after it"
    case .secretAfterPair(let index): "put the secret after pair \(index + 1) instead of at the very end"
    }
  }
}

extension Finding {
  /// The finding marked as verified by `proof`.
  public func verified(by proof: VerifiedHypothesis) -> Finding {
    var copy = self
    copy.isVerified = true
    copy.confidence = 1
    copy.proof = proof.proof
    return copy
  }
}
