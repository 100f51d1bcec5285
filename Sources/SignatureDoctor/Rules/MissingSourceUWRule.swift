/// Looks for `source=uw` in the server's string that the client did not sign. Without the
/// client's side it still points at the widget, with less confidence. It ignores other
/// parameters the client left out (`ParamNotSignedRule`).
struct MissingSourceUWRule: Rule {
  static let description = RuleDescription(
    slug: "missing-source-uw",
    code: "SD008",
    title: "The Upload Widget sent source=uw, which the signer did not sign",
    explanation: RuleExplanation(
      whatHappened: """
        The Upload Widget adds a hidden parameter, `source=uw`, to every upload, and it is part \
        of the parameters the widget hands to your `uploadSignature` function. Your signer \
        signed the other parameters but not this one: it built its own set (often just \
        `timestamp`, or the options it knew about) instead of signing `params_to_sign` as given.
        """,
      whyRefused: """
        The server signs every parameter it receives, `source=uw` included, so its string to \
        sign has a pair that yours lacked and the two digests differ.
        """,
      howToFix: """
        Sign exactly the parameters the widget passes to `uploadSignature` (`params_to_sign`), \
        all of them, and return the signature. With a string `uploadSignature`, include \
        `source=uw` in the string you sign at page load.
        """,
      sdkNotes: [
        ("Node", "`cloudinary.utils.api_sign_request(params_to_sign, api_secret)` on the whole object."),
        ("Python", "`cloudinary.utils.api_sign_request(params_to_sign, api_secret)`; do not rebuild the dict."),
        ("PHP", "`ApiUtils::signParameters($paramsToSign, $apiSecret)` on the decoded request body."),
        ("next-cloudinary", "post `paramsToSign` as received and return `{ signature }`."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
          + "'folder=avatars&↓source=uw&timestamp=1685544025&upload_preset=ugc'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=avatars&timestamp=1685544025}}. String to sign - "
          + "'folder=avatars&↓source=uw&timestamp=1685544025'.",
        params: #"{"folder": "avatars", "timestamp": 1685544025}"#),
      RuleExample(
        error: #"{"error":{"message":"Invalid Signature {{sign:timestamp=1709830648}}. String to sign - '↓source=uw&timestamp=1709830648'."}}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 1234567890abcdef1234567890abcdef12345678. String to sign - "
          + "'↓source=uw&timestamp=1709830648&upload_preset=signed'."),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature {{sign:folder=avatars&source=uw&timestamp=1685544025}}. String to sign - "
          + "'folder=avatars&source=uw&timestamp=1685544025'.",
        withSecret: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&source=uw&timestamp=1}}. String to sign - "
          + "'folder=a&source=uw&timestamp=1&upload_preset=x'.",
        params: #"{"folder": "a", "source": "uw", "timestamp": 1}"#),
      RuleExample(
        error: "Invalid Signature 1234567890abcdef1234567890abcdef12345678. String to sign - "
          + "'public_id=sample&timestamp=1315060510'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard let pair = evidence.serverPair("source"), pair.value == "uw" else { return [] }
    let location = evidence.location(ofServerPair: pair)
    if let client = evidence.client {
      guard evidence.clientPair("source")?.value != "uw" else { return [] }
      let place = client.format == .stringToSign ? "the string the client logged" : "the client's parameters"
      return [Self.finding(
        confidence: 0.95,
        summary: "The widget sent source=uw, but the signer did not sign it.",
        evidence: [
          EvidenceNote(
            "The server's string to sign has source=uw, which the Upload Widget adds.",
            at: location
          ),
          EvidenceNote("There is no source=uw in \(place)."),
        ],
        fix: Self.description.explanation.howToFix)]
    }
    return [Self.finding(
      confidence: 0.4,
      summary: "This upload came from the Upload Widget (source=uw); signers that drop source=uw "
        + "are the most common cause of this refusal.",
      evidence: [
        EvidenceNote(
          "The server's string to sign has source=uw, which the Upload Widget adds.",
          at: location
        ),
      ],
      fix: Self.description.explanation.howToFix)]
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    guard evidence.serverPair("source")?.value == "uw" else { return [] }
    var edits = [Edit(rule: Self.slug, summary: "left out source=uw") {
      $0.has("source") ? $0.removing("source") : nil
    }]
    // The commonest widget signer of all signs `{timestamp}` and ignores `params_to_sign`.
    if evidence.serverPairs.count > 2, evidence.serverPair("timestamp") != nil {
      let summary = "signed only the timestamp, none of the parameters the widget passed to sign"
      edits.append(Edit(rule: Self.slug, summary: summary) { $0.keepingOnly("timestamp") })
    }
    return edits
  }
}
