/// Lines up the client's pairs with the server's string and fires for pairs only the client
/// has: parameters it signed that never reached the server. It needs the server's string,
/// and when that string was cut short it ignores pairs that would sort into the missing
/// part. Excluded keys are `excluded-key-signed`'s, empty and null values `empty-value`'s
/// and `null-value`'s, wrappers and spread strings `nested-data`'s, and `timestamp` the
/// timestamp rules'.
struct ParamNotSentRule: PlanningRule {
  static let description = RuleDescription(
    slug: "param-not-sent",
    code: "SD010",
    title: "A parameter was signed but never reached the server",
    explanation: RuleExplanation(
      whatHappened: """
        The client signed a parameter that the request did not carry. The signature was made \
        over the full set, but the code that sent the upload dropped one: an SDK that, given a \
        ready signature, forwards only the parameters it knows (the Java SDK dropped \
        `metadata` this way), an app that had no way to pass an option such as \
        `transformation` on, a form without a field for it, or a proxy that strips fields.
        """,
      whyRefused: """
        The server builds its string to sign from the parameters it receives. The dropped \
        parameter is not among them, so the client's string has a pair the server's lacks \
        and the two digests differ.
        """,
      howToFix: """
        Send every parameter you sign, with the value you signed, or sign only what the \
        request will carry. The key missing from the server's string to sign is the one that \
        was lost: pass it through the SDK call, the form or the app, or leave it out of the \
        signature.
        """,
      sdkNotes: [
        ("Java", "with a signature already among the options, `Util.buildUploadParams` forwarded only a fixed "
          + "list of parameters, and `metadata` was not on it until cloudinary/cloudinary_java#387: update the "
          + "SDK, or do not sign what it does not forward."),
        ("iOS, Android", "the app must send every option the server signed, `transformation` included, among "
          + "the upload's parameters."),
        ("HTML forms", "each signed parameter needs its own field in the form that uploads."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:public_id=888f0cf0&timestamp=1426595637&transformation=c_limit,h_800,w_800}}. "
          + "String to sign - 'public_id=888f0cf0&timestamp=1426595637'",
        params: #"{"public_id": "888f0cf0", "timestamp": 1426595637, ↓"transformation": "c_limit,h_800,w_800"}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'asset_folder=products&timestamp=1717000000&upload_preset=signed_products'.",
        params: #"""
          {"asset_folder": "products", ↓"metadata": "sku=A-100", "timestamp": 1717000000,
           "upload_preset": "signed_products"}
          """#),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=888f0cf0&timestamp=1426595637&transformation=c_limit,h_800,w_800'.",
        params: #"{"public_id": "888f0cf0", "timestamp": 1426595637, "transformation": "c_limit,h_800,w_800"}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=888f0cf0&timestamp=1426595637'.",
        params: #"""
          {"public_id": "888f0cf0", "timestamp": 1426595637, "resource_type": "video", "folder": "",
           "tags": null}
          """#),
      RuleExample(
        error: #"{"error":{"message":"Missing required parameter - api_key"}}"#,
        params: #"{"folder": "avatars", "timestamp": 1430000000}"#, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - 'public_id=888f0cf0&ti",
        params: #"{"public_id": "888f0cf0", "timestamp": 1426595637, "transformation": "c_limit"}"#,
        excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let unsent = Self.unsent(evidence)
    guard !unsent.isEmpty else { return [] }
    let shown = unsent.map { VisibleText($0.key + "=" + ($0.value ?? "")).text }
    let listed = VerifiedHypothesis.listing(shown)
    let notes = zip(unsent, shown).map { pair, text in
      EvidenceNote("The client signed \(text), but the server's string to sign has no "
        + "'\(pair.key)': the request did not carry it.", at: evidence.location(ofClientPair: pair))
    }
    return [Self.finding(
      confidence: 0.9,
      summary: "The client signed \(listed), which never reached the server.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)]
  }
}

// MARK: - Hypotheses

extension ParamNotSentRule {
  /// Adding each pair the client signed and the server lacks, where a sorting signer puts it.
  static func plan(_ evidence: Evidence) -> [PlannedEdit] {
    unsent(evidence).compactMap { pair in
      guard let value = pair.value else { return nil }
      let key = pair.key
      let added = StringToSign.pair(key, value, version: .v2)
      let shown = VisibleText(added).text
      let edit = Edit(rule: slug, summary: "signed \(shown), which the request did not carry") {
        $0.has(key) ? nil : inserting(added, into: $0)
      }
      let note = EvidenceNote("The client signed \(shown), which the server never received.",
                              at: evidence.location(ofClientPair: pair))
      return PlannedEdit(edit: edit, notes: [note])
    }
  }
}

private extension ParamNotSentRule {
  /// The client's pairs this rule claims as signed but not sent, each with a value.
  static func unsent(_ evidence: Evidence) -> [ClientPair] {
    guard evidence.serverString != nil else { return [] }
    // NB: pairs that sort after the last one left of a string cut short may be in the lost part.
    let cut = evidence.signatureReport?.isTruncated == true ? evidence.serverPairs.last?.text ?? "" : nil
    return evidence.clientOnlyPairs.filter { pair in
      guard let value = pair.value, let text = pair.text, !value.isEmpty,
        !ValueDifference.nullSpellings.contains(value), pair.key != "timestamp",
        !SigningOptions.isExcluded(pair.key), !isStructural(pair)
      else { return false }
      return cut.map { StringToSign.precedes(text, $0) } ?? true
    }
  }

  /// Whether the pair is a wrapper or a piece of one, which `nested-data` explains.
  static func isStructural(_ pair: ClientPair) -> Bool {
    if case .map? = pair.parameter?.value { return true }
    return pair.key.contains("[") || pair.key.utf8.allSatisfy { (0x30...0x39).contains($0) }
  }

  /// The candidate with `pair` added before the first pair it sorts before, so that a
  /// candidate joined in its own order stays sorted.
  static func inserting(_ pair: String, into candidate: Candidate) -> Candidate {
    var copy = candidate
    let index = copy.keepsOrder ? copy.pairs.firstIndex { StringToSign.precedes(pair, $0) } : nil
    copy.pairs.insert(pair, at: index ?? copy.pairs.endIndex)
    return copy
  }
}
