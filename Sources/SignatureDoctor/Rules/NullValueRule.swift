/// Looks for a null that travelled as text on one side only: a server pair whose value is
/// `null`, `undefined` or `None` where the client's value was null or absent, and a
/// null-spelling text the client signed that the server lacks. Its hypotheses drop the
/// server's null texts and add a null's spellings for each null parameter of the client's.
/// A server value that differs from a client text is value-mismatch's; `timestamp` is the
/// timestamp rules'; excluded keys are excluded-key-signed's.
struct NullValueRule: Rule {
  static let description = RuleDescription(
    slug: "null-value",
    code: "SD006",
    title: "A null travelled as text on one side and was left out on the other",
    explanation: RuleExplanation(
      whatHappened: """
        A parameter had no value (`null`, `undefined`, `None`), and the two sides treated it \
        differently. One side wrote the null as text: a form or a template string turned it \
        into `folder=null` or `folder=undefined`, or a signer wrote `str(None)`. The other \
        side left the parameter out, as signers and request builders do with a null.
        """,
      whyRefused: """
        The server signs the parameters it receives. If the request carried `folder=null` as \
        text, the server's string has that pair and the client's has none; if the signer \
        signed the text of a null the request never carried, it is the other way round. \
        Either way the strings differ, and so do the digests.
        """,
      howToFix: """
        Remove parameters without a value before both signing and sending, so that neither \
        side sees them: build the parameters once, skip `null` and `undefined`, and never \
        format a missing value into a string. Sign and send the same object.
        """,
      sdkNotes: [
        ("Node", "omit the key rather than setting it to `null` or `undefined`; `${value}` and "
          + "`String(value)` turn a missing value into text, and so do form fields set from it."),
        ("Python", "drop `None` values before signing; `str(None)` is `None`."),
        ("PHP", "`array_filter($params, fn ($v) => $v !== null)` before signing and uploading."),
        ("KeystoneJS and similar wrappers", "leave the option out when it is off instead of passing `null`."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1416213110}}. String to sign - "
          + "'↓folder=null&timestamp=1416213110'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓folder=undefined&public_id=cat&timestamp=1685544025'.",
        params: #"{↓"folder": null, "public_id": "cat", "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature {{sign:folder=None&public_id=cat&timestamp=1685544025}}. String to sign - "
          + "'public_id=cat&timestamp=1685544025'.",
        params: #"{"folder": null, "public_id": "cat", "timestamp": 1685544025}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=cat&timestamp=1685544025'.",
        params: #"{↓"folder": "undefined", "public_id": "cat", "timestamp": 1685544025}"#,
        excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=null&timestamp=1685544025'.",
        params: #"{"folder": "null", "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=nullable&timestamp=1685544025'.",
        params: #"{"folder": null, "timestamp": 1685544025}"#),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    [receivedNullText(evidence), signedNullText(evidence)].compactMap { $0 }
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    let received = Self.nullTexts(in: evidence)
    var edits = OneSidedValue.leavingOut(received, rule: Self.slug, shown: \.text,
                                         reason: ", which the request carried as text")
    for parameter in evidence.client?.parameters ?? [] {
      guard case .null(let spelling) = parameter.value, OneSidedValue.isClaimable(parameter.key) else {
        continue
      }
      var spellings = ["null", "None", "undefined"]
      if ValueDifference.nullSpellings.contains(spelling), !spellings.contains(spelling) {
        spellings.append(spelling)
      }
      for spelling in spellings {
        let pair = StringToSign.pair(parameter.key, spelling, version: .v2)
        let summary = "signed \(VisibleText(pair).text) for a null \(VisibleText(parameter.key).text)"
        edits.append(OneSidedValue.adding(pair, for: parameter.key, rule: Self.slug, summary: summary))
      }
    }
    return edits
  }
}

private extension NullValueRule {
  /// The server's pairs whose value is a null's text, where the client, if given, left the
  /// key out or had no value for it.
  static func nullTexts(in evidence: Evidence) -> [SignedPair] {
    OneSidedValue.receivedPairs(in: evidence) { ValueDifference.nullSpellings.contains($0.value) }
  }

  func receivedNullText(_ evidence: Evidence) -> Finding? {
    let pairs = Self.nullTexts(in: evidence)
    guard !pairs.isEmpty else { return nil }
    let notes = OneSidedValue.notes(
      on: pairs, evidence: evidence,
      received: { "The server received \($0.text): a missing value written as text." },
      kind: { $0.parameter?.value.kindDescription ?? "without a value" })
    let texts = VerifiedHypothesis.listing(pairs.map(\.text))
    return Self.finding(
      confidence: evidence.hasClient ? 0.95 : 0.7,
      summary: evidence.hasClient
        ? "The request carried \(texts) as text, but the signer left the null out."
        : "The request carried \(texts): a null sent as text, which signers leave out of the string "
          + "they sign.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }

  /// The null texts the client signed that the server's string lacks.
  func signedNullText(_ evidence: Evidence) -> Finding? {
    let pairs = OneSidedValue.signedPairs(in: evidence) { pair in
      pair.value.map(ValueDifference.nullSpellings.contains) ?? false
    }
    guard !pairs.isEmpty else { return nil }
    let hasServerString = evidence.serverString != nil
    let texts = VerifiedHypothesis.listing(pairs.compactMap(\.text))
    let notes = pairs.map { pair in
      EvidenceNote("The client signed \(pair.text ?? pair.key): a missing value written as text.",
                   at: evidence.location(ofClientPair: pair))
    }
    return Self.finding(
      confidence: hasServerString ? 0.9 : 0.45,
      summary: hasServerString
        ? "The client signed \(texts), but the request carried no such parameter: the null was left out "
          + "when sent."
        : "The client signed \(texts): a missing value written as text, which requests usually leave out.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }
}
