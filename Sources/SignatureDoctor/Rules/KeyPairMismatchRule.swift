/// Fires only with proof: the server's own string, digested with a given secret, gives the
/// signature the client sent. Nothing is wrong with the string; the key is.
struct KeyPairMismatchRule: Rule {
  static let description = RuleDescription(
    slug: "key-pair-mismatch",
    code: "SD016",
    title: "The signature is right for the secret, so the API key sent belongs to another key pair",
    explanation: RuleExplanation(
      whatHappened: """
        The client signed exactly the string the server built, with the secret you gave sigdoc: \
        its signature is correct for that secret. The server still refused it, so it checked the \
        signature against another secret: the one that belongs to the `api_key` the request \
        carried. The API key and the secret come from different key pairs, often from two \
        environments (staging and production) or from an old key that was rotated.
        """,
      whyRefused: """
        Cloudinary looks up the secret by the `api_key` sent with the upload. A signature made \
        with any other secret does not match, however well the string was built.
        """,
      howToFix: """
        Send the API key that belongs to the secret the signer uses: take both from the same \
        `CLOUDINARY_URL` or the same key pair in the console, on the server that signs and on \
        the page or app that uploads. Restart processes that cached old credentials.
        """,
      sdkNotes: [
        ("Upload Widget", "the `apiKey` option must be the key of the secret your `uploadSignature` endpoint uses."),
        ("Laravel, Rails", "clear the config cache or restart the server after changing `.env`."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature ↓{{sign:folder=a&timestamp=1685544025}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true, isVerified: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1685544025}}. String to sign - "
          + "'folder=a&timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] { [] }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    let summary = "The signature is right for the server's own string under the secret from "
      + "\(proof.proof.secretLabel), so the API key sent belongs to another key pair."
    return Self.finding(
      confidence: 1,
      summary: summary,
      evidence: [
        EvidenceNote("Digesting the server's string to sign with the secret from \(proof.proof.secretLabel) "
          + "gives exactly the signature the client sent.", at: evidence.sentSignatureLocation),
        EvidenceNote("So the string and the signing are right; the server checked with another "
          + "key pair's secret."),
      ],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }

  /// The alternative left open when a right SHA-1 signature was credited to the algorithm.
  func findings(after proof: VerifiedHypothesis, evidence: Evidence) -> [Finding] {
    guard proof.rules == [AlgorithmMismatchRule.slug] else { return [] }
    return [Self.finding(
      confidence: 0.3,
      summary: "Or the API key sent belongs to another key pair, whose secret the server used.",
      evidence: [
        EvidenceNote("The signature is right for the server's string under the secret from "
          + "\(proof.proof.secretLabel).", at: evidence.sentSignatureLocation),
      ],
      fix: Self.description.explanation.howToFix)]
  }
}
