/// Compares the values of keys both sides have. It claims the differences no other rule
/// explains: unrelated values, and values that differ only in case, white space or
/// invisible characters. Timestamps, encodings, nulls and structures are left to their
/// rules.
struct ValueMismatchRule: Rule {
  static let description = RuleDescription(
    slug: "value-mismatch",
    code: "SD011",
    title: "A parameter was signed with one value and sent with another",
    explanation: RuleExplanation(
      whatHappened: """
        The client signed a parameter with one value and the request carried another. Often \
        the value was changed after signing (a public ID made unique, a folder added), or two \
        pieces of code each built the parameters, or the value differs in a way hard to see: \
        letter case, a trailing space or newline, a zero-width character pasted from a \
        document.
        """,
      whyRefused: """
        The server signs the values it receives. One different byte in one value gives a \
        different digest.
        """,
      howToFix: """
        Sign the parameters after their last change, and send exactly what was signed: build \
        them once and use the same object for both. Strip stray white space and invisible \
        characters where the value is typed or pasted.
        """
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:public_id=cat&timestamp=1}}. String to sign - "
          + "'↓public_id=cat_x7f3&timestamp=1'.",
        params: #"{↓"public_id": "cat", "timestamp": 1}"#, withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓folder=Avatars&timestamp=1'.",
        params: #"{↓"folder": "avatars", "timestamp": 1}"#),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1'.",
        params: #"{"folder": "avatars", "timestamp": 1}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'tags=a%2Cb&timestamp=1'.",
        params: #"{"tags": "a,b", "timestamp": 1}"#),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    evidence.differingValues.compactMap { server, client, difference in
      guard server.key != "timestamp", let how = Self.claimed(difference),
        let clientValue = client.value
      else { return nil }
      let shown = VisibleText(clientValue).text
      let sent = VisibleText(server.value).text
      return Self.finding(
        confidence: difference == .other ? 0.8 : 0.85,
        summary: "'\(server.key)' was signed as '\(shown)' but sent as '\(sent)'\(how).",
        evidence: [
          EvidenceNote(
            "The server received \(server.key)=\(sent).",
            at: evidence.location(ofServerPair: server)
          ),
          EvidenceNote(
            "The client signed \(server.key)=\(shown).",
            at: evidence.location(ofClientPair: client)
          ),
        ],
        fix: Self.description.explanation.howToFix)
    }
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    evidence.differingValues.compactMap { server, client, difference in
      guard server.key != "timestamp", Self.claimed(difference) != nil,
        let value = client.value
      else { return nil }
      let escaped = StringToSign.pair(server.key, value, version: .v2)
      let summary = "signed \(server.key)=\(VisibleText(value).text) instead of the value sent"
      return Edit(rule: Self.slug, summary: summary) {
        $0.removing(server.key).adding(escaped)
      }
    }
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    let found = evaluate(evidence).first
    return Self.finding(
      confidence: 1,
      summary: found?.summary ?? proof.sentence,
      evidence: (found?.evidence ?? []) + [EvidenceNote(proof.sentence)],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }

  /// The phrase this rule gives a difference it claims, or `nil` for one it leaves.
  static func claimed(_ difference: ValueDifference) -> String? {
    switch difference {
    case .other: ""
    case .letterCase: " (they differ in letter case)"
    case .whitespace: " (they differ in white space at the ends)"
    case .invisibleCharacters: " (they differ in invisible characters)"
    default: nil
    }
  }
}
