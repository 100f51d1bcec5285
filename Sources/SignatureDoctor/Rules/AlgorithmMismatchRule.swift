/// Fires for SHA-1 where SHA-256 is required: a Media Library widget login (signed
/// `cloud_name`, `timestamp` and `username`) sent with SHA-1, or, once the server's own
/// string is proven right under SHA-1, as the alternative to a key-pair mismatch.
struct AlgorithmMismatchRule: Rule {
  static let description = RuleDescription(
    slug: "algorithm-mismatch",
    code: "SD018",
    title: "The signature is SHA-1 where SHA-256 is required",
    explanation: RuleExplanation(
      whatHappened: """
        The client signed with SHA-1, the SDKs' default, but the signature is checked with \
        SHA-256: the account is set to accept only SHA-256 signatures, or the flow requires \
        it (the Media Library widget's user login is signed with SHA-256).
        """,
      whyRefused: """
        A SHA-1 digest is 40 hex digits; the server computes a 64-digit SHA-256 digest of the \
        same string and secret, and the two cannot match.
        """,
      howToFix: """
        Sign with SHA-256: set the SDK's signature algorithm (`signature_algorithm="sha256"`) \
        or pass it to the signing call, and check the account's security settings for the \
        algorithm it accepts.
        """,
      sdkNotes: [
        ("Python", "`cloudinary.config(signature_algorithm=\"sha256\")` or `api_sign_request(params, secret, \"sha256\")`."),
        ("Node", "`cloudinary.config({ signature_algorithm: 'sha256' })`."),
        ("PHP", "`Configuration::instance()->cloud->signatureAlgorithm = 'sha256'`; PHP 1.x needs 1.20 or later."),
        ("sigdoc", "`sigdoc sign --algorithm sha256` gives the SHA-256 signature to compare."),
      ]
    ),
    triggering: [
      RuleExample(error: "Invalid Signature ↓{{sign:cloud_name=demo&timestamp=1568810420&username=user@example.com}}. "
        + "String to sign - 'cloud_name=demo&timestamp=1568810420&username=user@example.com'."),
      RuleExample(error: "Invalid Signature ↓{{sign:cloud_name=demo&timestamp=1568810420&username=user@example.com}}. "
        + "String to sign - 'cloud_name=demo&timestamp=1568810420&username=user@example.com'.",
        withSecret: true, isVerified: true),
      RuleExample(error: "Invalid Signature ↓{{sign:folder=a&timestamp=1685544025}}. String to sign - "
        + "'folder=a&timestamp=1685544025'.", withSecret: true, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(error: "Invalid Signature {{sign/sha256:cloud_name=demo&timestamp=1568810420&username=user@example.com}}. "
        + "String to sign - 'cloud_name=demo&timestamp=1568810420&username=user@example.com'."),
      RuleExample(error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
        + "'folder=a&timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard evidence.sentSignature?.algorithm == .sha1, evidence.serverPair("username") != nil,
      evidence.serverPair("cloud_name") != nil
    else { return [] }
    return [Self.finding(
      confidence: 0.8,
      summary: "This looks like a Media Library widget login (cloud_name, timestamp, username), "
        + "which must be signed with SHA-256, but the signature is SHA-1.",
      evidence: [
        EvidenceNote(
          "The signature sent is 40 hex digits: SHA-1.",
          at: evidence.sentSignatureLocation
        ),
      ],
      fix: Self.description.explanation.howToFix)]
  }

  /// Proven when the engine credits it with a right SHA-1 signature of a flow that wants
  /// SHA-256.
  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    Self.finding(
      confidence: 1,
      summary: "The SHA-1 signature is right for the server's string under the secret from "
        + "\(proof.proof.secretLabel), and this Media Library widget login must be signed with SHA-256.",
      evidence: [
        EvidenceNote("Digesting the server's string to sign with the secret from \(proof.proof.secretLabel) "
          + "by SHA-1 gives exactly the signature the client sent: the string and the secret are right."),
      ],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }

  func findings(after proof: VerifiedHypothesis, evidence: Evidence) -> [Finding] {
    guard proof.rules == ["key-pair-mismatch"], evidence.sentSignature?.algorithm == .sha1,
      evaluate(evidence).isEmpty
    else { return [] }
    return [Self.finding(
      confidence: 0.45,
      summary: "Or the account accepts only SHA-256 signatures: the SHA-1 signature is right for the secret.",
      evidence: [
        EvidenceNote("The signature sent is SHA-1 and correct for the server's string under the "
          + "secret from \(proof.proof.secretLabel).", at: evidence.sentSignatureLocation),
      ],
      fix: Self.description.explanation.howToFix)]
  }
}
