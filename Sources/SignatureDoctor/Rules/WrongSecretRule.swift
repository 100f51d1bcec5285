/// Fires when secrets were given and no hypothesis of any rule, under any of them,
/// reproduces the signature: the client signed with a secret sigdoc was not given. It never
/// fires without a secret, since then nothing can be tried.
struct WrongSecretRule: Rule {
  static let description = RuleDescription(
    slug: "wrong-secret",
    code: "SD015",
    title: "No string and no way of signing reproduces the signature under the secrets given",
    explanation: RuleExplanation(
      whatHappened: """
        sigdoc digested the server's string to sign, the client's own string, and every mistake \
        its rules know (left-out and extra parameters, other timestamps, other spellings, \
        wrappers, other orders, a secret with a newline or quotes, HMAC, pairs of mistakes) \
        under every secret you gave it, and none gave the signature the client sent. The \
        likeliest reason is that the signer used another secret: one from another environment, \
        an old one, one partly copied, or the API key in its place.
        """,
      whyRefused: """
        A signature made with a secret other than the one paired with the `api_key` sent can \
        never match the server's.
        """,
      howToFix: """
        Check which secret the signing process actually reads at run time, without printing \
        it: log its length and a digest of it (`sha256(secret)`), compute the same for the \
        secret of the console's key pair (`printf %s "$SECRET" | sha256sum`), and compare. Make \
        sure `.env` values have no quotes and the process was restarted after a change. Then \
        run sigdoc again with that secret (`--secret-env` or `--secret-file`).
        """,
      sdkNotes: [
        ("Node", "`cloudinary.config()` reads `CLOUDINARY_URL` once, at the first call; set it before."),
        ("next-cloudinary", "the server route must read the secret from a variable without `NEXT_PUBLIC_`."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature ↓0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=a&timestamp=1685544025'."),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
          + "'source=uw&timestamp=1685544025'.",
        withSecret: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] { [] }

  /// The finding when a search ran and found nothing.
  static func finding(for search: SearchSummary, evidence: Evidence) -> Finding {
    let secrets = search.secretLabels.joined(separator: ", ")
    let several = search.secretLabels.count > 1
    var notes = [
      EvidenceNote(
        "The signature the client sent is a well-formed digest.",
        at: evidence.sentSignatureLocation
      ),
      EvidenceNote("sigdoc tried \(search.candidates) candidate strings (\(search.digests) digests): "
        + search.tried.joined(separator: "; ") + "; none matched."),
    ]
    if !search.skipped.isEmpty {
      notes.append(EvidenceNote("The search stopped at its limits (\(search.budget) digests of up to 128 "
        + "bytes, \(HypothesisSearch.pairCap) pairs held at once) before trying "
        + search.skipped.joined(separator: "; ") + "; fewer secrets, or a shorter string, leave it more room."))
    }
    return finding(
      confidence: search.skipped.isEmpty ? 0.7 : 0.5,
      summary: "No candidate reproduces the signature under the secret\(several ? "s" : "") from \(secrets): "
        + "the client most likely signed with another secret.",
      evidence: notes,
      fix: description.explanation.howToFix)
  }
}
