/// Suspects the secret's own bytes: a line break, spaces or quotes around it, a copy cut
/// short, or the API key in its place. Without proof it only remarks on a secret given to
/// sigdoc that carries such bytes, since a deployment likely reads it the same way.
struct SecretFormatRule: Rule {
  static let description = RuleDescription(
    slug: "secret-format",
    code: "SD017",
    title: "The secret was signed with extra or missing characters, or was the API key",
    explanation: RuleExplanation(
      whatHappened: """
        The signer used the right secret, but not byte for byte: with a line break read from a \
        file (`echo secret > file` adds one), with the quotes of a `.env` line, with a space, \
        cut short by a partial copy, or with the API key passed where the secret belongs.
        """,
      whyRefused: """
        Every byte of the secret goes into the digest. One extra newline gives a different \
        signature, and the server, holding the clean secret, cannot match it.
        """,
      howToFix: """
        Strip the secret where it is read: no trailing newline (`printf %s` rather than `echo`, \
        or trim on load), no quotes in `.env` unless the loader removes them, the whole value \
        copied from the console. Pass the secret, not the API key, to the signing call.
        """,
      sdkNotes: [
        ("Node", "`api_sign_request(params, process.env.CLOUDINARY_API_SECRET.trim())`; the key is the third argument of nothing."),
        ("dotenv", "`CLOUDINARY_API_SECRET=abc…` without quotes, or a dotenv version that strips them."),
        ("Docker secrets", "files keep their trailing newline; trim when reading."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature ↓{{sign/hmac/newline:folder=a&timestamp=1685544025}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(error: "Invalid Signature ↓{{sign/newline:folder=a&timestamp=1685544025}}. "
        + "String to sign - 'folder=a&timestamp=1685544025'.", withSecret: true, isVerified: true),
      RuleExample(error: "Invalid Signature ↓{{sign/apikey:timestamp=1685544025}}. String to sign - "
        + "'timestamp=1685544025'.", withSecret: true, isVerified: true),
      RuleExample(error: "Invalid Signature ↓{{sign/cut=20:timestamp=1685544025}}. String to sign - "
        + "'timestamp=1685544025'.", withSecret: true, isVerified: true),
    ],
    nonTriggering: [
      RuleExample(error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
        + "'timestamp=1685544025'.", withSecret: true),
      RuleExample(error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
        + "'timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    evidence.secrets.compactMap { secret in
      guard let problem = SecretInspection(secret).problemDescription else { return nil }
      return Self.finding(
        confidence: 0.45,
        summary: "The secret from \(secret.label) \(problem); a signer that reads it the same way "
          + "signs with those bytes.",
        evidence: [EvidenceNote("The secret from \(secret.label) \(problem).")],
        fix: Self.description.explanation.howToFix)
    }
  }

  func secretVariants(_ evidence: Evidence) -> [SecretVariant] {
    var variants = [
      SecretVariant(rule: Self.slug, summary: "followed by a line feed", make: .suffix([0x0A])),
      SecretVariant(rule: Self.slug, summary: "followed by CR LF", make: .suffix([0x0D, 0x0A])),
      SecretVariant(rule: Self.slug, summary: "followed by a space", make: .suffix([0x20])),
      SecretVariant(rule: Self.slug, summary: "after a space", make: .prefix([0x20])),
      SecretVariant(rule: Self.slug, summary: "in double quotes", make: .wrap([0x22], [0x22])),
      SecretVariant(rule: Self.slug, summary: "in single quotes", make: .wrap([0x27], [0x27])),
      // NB: before `.trimmed`, which gives the same bytes for a secret that only ends with
      // a line break: the first variant to give them names the change.
      SecretVariant(
        rule: Self.slug,
        summary: "without its trailing line break",
        make: .withoutTrailingLineBreak
      ),
      SecretVariant(rule: Self.slug, summary: "without the white space and quotes around it", make: .trimmed),
    ]
    let longest = evidence.secrets.map(\.byteCount).max() ?? 0
    for length in stride(from: longest - 1, through: max(1, longest / 3), by: -1) {
      let summary = "cut to its first \(length) characters"
      variants.append(SecretVariant(rule: Self.slug, summary: summary, make: .cutTo(length)))
    }
    if let key = evidence.apiKey {
      variants.append(SecretVariant(rule: Self.slug, summary: "replaced by the API key", make: .apiKey(key)))
    }
    return variants
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    let change = proof.secretChange ?? "changed"
    return Self.finding(
      confidence: 1,
      summary: "The client signed with the secret from \(proof.proof.secretLabel) \(change).",
      evidence: [EvidenceNote(proof.sentence, at: evidence.sentSignatureLocation)],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }
}
