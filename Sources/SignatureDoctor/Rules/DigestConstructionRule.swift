/// Looks at how the digest was made: upper-case hex or base64 in the sent signature
/// (visible without a secret), and, through the search, HMAC and a secret placed anywhere
/// but at the end. The string's content is other rules' business.
struct DigestConstructionRule: Rule {
  static let description = RuleDescription(
    slug: "digest-construction",
    code: "SD019",
    title: "The digest was made in another way than Cloudinary's",
    explanation: RuleExplanation(
      whatHappened: """
        Cloudinary's signature is the lower-case hex SHA-1 (or SHA-256) digest of the string \
        to sign with the API secret appended, nothing between them. The signer did something \
        else: an HMAC keyed with the secret, the secret placed before the string or glued to \
        one of its values, or the right digest written in upper case or base64.
        """,
      whyRefused: """
        Each of these gives other bytes, or the same bytes spelt otherwise, so the server's \
        lower-case hex digest does not match.
        """,
      howToFix: """
        Compute `hex(sha1(string_to_sign + api_secret))` in lower case: concatenate the whole \
        sorted string first, then the secret, then digest once. Use the SDK's \
        `api_sign_request` where you can.
        """,
      sdkNotes: [
        ("Go", "`fmt.Sprintf(\"%x\", sha1.Sum([]byte(toSign + secret)))`; not `hmac.New(sha1.New, secret)`."),
        ("Elixir", "`:crypto.hash(:sha, to_sign <> secret) |> Base.encode16(case: :lower)`."),
        ("PHP", "`sha1($toSign . $secret)`, not `hash_hmac('sha1', $toSign, $secret)`."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature ↓{{sign/hmac:folder=a&timestamp=1685544020}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(error: "Invalid Signature ↓{{sign/upper:folder=a&timestamp=1685544025}}. "
        + "String to sign - 'folder=a&timestamp=1685544025'."),
      RuleExample(error: "Invalid Signature ↓{{sign/hmac:folder=a&timestamp=1685544025}}. String to sign - "
        + "'folder=a&timestamp=1685544025'.", withSecret: true, isVerified: true),
      RuleExample(error: "Invalid Signature ↓{{sign/after=2:folder=a&timestamp=1685544025&transformation=c_limit}}. "
        + "String to sign - 'folder=a&timestamp=1685544025&transformation=c_limit'.",
        withSecret: true, isVerified: true),
    ],
    nonTriggering: [
      RuleExample(error: "Invalid Signature {{sign:folder=a&timestamp=1685544025}}. String to sign - "
        + "'folder=a&timestamp=1685544025'.", withSecret: true),
      RuleExample(error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
        + "'folder=a&timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard let sent = evidence.sentSignature else { return [] }
    let location = evidence.sentSignatureLocation
    switch sent.shape {
    case .upperHex(let algorithm):
      return [Self.finding(
        confidence: 0.8,
        summary: "The signature is \(algorithm.displayName) hex in upper case; Cloudinary writes "
          + "and compares it in lower case.",
        evidence: [EvidenceNote("The signature sent has upper-case hex digits.", at: location)],
        fix: "Write the digest in lower-case hex.")]
    case .base64(let algorithm):
      return [Self.finding(
        confidence: 0.85,
        summary: "The signature is base64 of a \(algorithm.displayName) digest; Cloudinary expects "
          + "lower-case hex.",
        evidence: [EvidenceNote("The signature sent is base64, not hex.", at: location)],
        fix: "Encode the digest as lower-case hex, not base64.")]
    default:
      return []
    }
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    let encoding = evaluate(evidence).first
    let summary: String
    switch proof.recipe {
    case .plain: summary = encoding?.summary ?? proof.sentence
    default: summary = "The signer " + proof.recipe.phrase + "."
    }
    return Self.finding(
      confidence: 1,
      summary: summary,
      evidence: (encoding?.evidence ?? [])
        + [EvidenceNote(proof.sentence, at: evidence.sentSignatureLocation)],
      fix: encoding?.fix ?? Self.description.explanation.howToFix
    ).verified(by: proof)
  }
}
