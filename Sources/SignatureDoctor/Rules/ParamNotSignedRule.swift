/// Lines up the server's pairs with the client's and fires for the pairs only the server
/// has: parameters the request carried and the signer never saw. Without the client's side
/// it finds nothing, and only tries dropping each one pair under the secret. It leaves
/// `source=uw` to `MissingSourceUWRule`, `timestamp` to the timestamp rules, empty values to
/// `empty-value`, and keys the client signed inside a wrapper (`data`, `paramsToSign`, a
/// string spread into `0=`, `1=`…) to `nested-data`.
struct ParamNotSignedRule: PlanningRule {
  static let description = RuleDescription(
    slug: "param-not-signed",
    code: "SD009",
    title: "A parameter was sent but not signed",
    explanation: RuleExplanation(
      whatHappened: """
        The request carried a parameter that is missing from the string the client signed. \
        Usual ways this happens: the signer works from a fixed list of parameters, and an \
        option such as `use_filename` or `unique_filename` is not on it; the page or a \
        wrapper adds a parameter after signing (a `public_id` set when the form is \
        submitted); the signer skips a null while the request sends it as the text `null`; \
        or the signer leaves out a key it takes for excluded, such as `type`.
        """,
      whyRefused: """
        The server signs every parameter it receives except `file`, `cloud_name`, \
        `resource_type` and `api_key`. A parameter the signer never saw is in the server's \
        string and not in the client's, so the two digests differ.
        """,
      howToFix: """
        Sign exactly the parameters the request sends: build them once, sign that set, and \
        send the same set with the signature. Add nothing after signing; if the page must \
        add a parameter, have it ask the server for a new signature. Leave out a parameter \
        that has no value instead of sending `null` as text.
        """,
      sdkNotes: [
        ("Node, Python, Ruby, PHP", "the signing helpers sign whatever they are given: pass them the same "
          + "parameters the upload sends, not a list you keep by hand."),
        (".NET", "`SignParameters` leaves out only `resource_type`, `file` and `api_key`; "
          + "keep `type` and the other options in the dictionary you sign."),
        ("Upload Widget", "a string `uploadSignature` is made at page load, so it cannot cover parameters the "
          + "widget adds later, such as `custom_coordinates` after cropping: use the function form."),
        ("Hand-written signers", "do not sign from an allow-list; sign every parameter the request carries."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
          + "'folder=a&public_id=b&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1426595637}}. String to sign - "
          + "'timestamp=1426595637&↓type=private'.",
        params: #"{"timestamp": 1426595637}"#, withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=uploads&timestamp=1430000000&↓unique_filename=false&↓use_filename=true'.",
        params: #"{"folder": "uploads", "timestamp": 1430000000}"#),
      RuleExample(
        error: "Invalid Signature {{sign:folder=docs&timestamp=1430000000}}. String to sign - "
          + "'folder=docs&↓public_id=report_7&timestamp=1430000000'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓folder=null&timestamp=1430000000'.",
        params: #"{"timestamp": 1430000000}"#),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=uploads&timestamp=1430000000&use_filename=true'."),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&source=uw&timestamp=1430000000'.",
        params: #"{"folder": "avatars", "timestamp": 1430000000}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1430000000'.",
        params: #"{"folder": "avatars"}"#, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1430000000'.",
        params: #"{"data": {"folder": "avatars", "timestamp": 1430000000}}"#, excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard let client = evidence.client else { return [] }
    let unsigned = Self.unsigned(evidence)
    guard !unsigned.isEmpty else { return [] }
    let isLogged = client.format == .stringToSign
    let lacks = isLogged ? "the string the client logged has no" : "the client's parameters have no"
    let listed = VerifiedHypothesis.listing(unsigned.map { VisibleText($0.text).text })
    let notes = unsigned.map { pair in
      var text = "The server received \(VisibleText(pair.text).text), but \(lacks) '\(pair.key)'."
      if ValueDifference.nullSpellings.contains(pair.value) {
        text += " Its value is the text of a null: the request sent as text what the signer skipped."
      }
      return EvidenceNote(text, at: evidence.location(ofServerPair: pair))
    }
    return [Self.finding(
      confidence: isLogged ? 0.92 : 0.85,
      summary: "The request carried \(listed), which the client did not sign.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)]
  }
}

// MARK: - Hypotheses

extension ParamNotSignedRule {
  /// Dropping each one of the server's pairs, `source=uw` apart, which has its own rule.
  static func plan(_ evidence: Evidence) -> [PlannedEdit] {
    var seen = Set<String>()
    var plans: [PlannedEdit] = []
    // A signer with a fixed list that holds only the timestamp; a widget's is
    // `MissingSourceUWRule`'s.
    if evidence.serverPairs.count > 2, evidence.serverPair("timestamp") != nil,
      evidence.serverPair("source")?.value != "uw"
    {
      let edit = Edit(rule: slug, summary: "signed only the timestamp, none of the other parameters") {
        $0.keepingOnly("timestamp")
      }
      plans.append(PlannedEdit(edit: edit, notes: []))
    }
    return plans + evidence.serverPairs.compactMap { pair in
      guard !(pair.key == "source" && pair.value == "uw"), seen.insert(pair.key).inserted else { return nil }
      let key = pair.key
      let edit = Edit(rule: slug, summary: "left out \(VisibleText(pair.text).text)") {
        $0.has(key) ? $0.removing(key) : nil
      }
      let note = EvidenceNote("The server received \(VisibleText(pair.text).text), which "
        + "the client's signature leaves out.", at: evidence.location(ofServerPair: pair))
      return PlannedEdit(edit: edit, notes: [note])
    }
  }
}

private extension ParamNotSignedRule {
  /// The server's pairs this rule claims as sent but not signed.
  static func unsigned(_ evidence: Evidence) -> [SignedPair] {
    guard !evidence.clientPairs.isEmpty else { return [] }
    let keys = evidence.clientPairs.map(\.key)
    // NB: a client whose keys are all numbers signed a string spread into characters.
    let isSpread = keys.allSatisfy { key in
      !key.isEmpty && key.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
    guard !isSpread else { return [] }
    let wrapped = evidence.clientPairs.flatMap { pair -> [String] in
      guard case .map(let members)? = pair.parameter?.value else { return [] }
      return members.map(\.key)
    }
    return evidence.serverOnlyPairs.filter { pair in
      pair.key != "timestamp" && !(pair.key == "source" && pair.value == "uw") && !pair.value.isEmpty
        && !wrapped.contains(pair.key) && !pair.key.contains("[")
    }
  }
}
