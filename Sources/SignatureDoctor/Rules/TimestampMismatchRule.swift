/// Compares the `timestamp` the client signed with the one the request carried, when both
/// are Unix times in seconds, and suspects the client signed another second within an hour
/// of the one sent. Milliseconds and other spellings are `TimestampInMillisecondsRule`'s
/// and `TimestampFormatRule`'s; the age of either is `StaleTimestampRule`'s. A client
/// without a timestamp is left to the rules on left-out parameters.
struct TimestampMismatchRule: Rule {
  /// How far, in seconds, a signed timestamp may lie from the one sent.
  static let searchRadius = 3_600

  static let description = RuleDescription(
    slug: "timestamp-mismatch",
    code: "SD004",
    title: "The signer signed another timestamp than the one sent",
    explanation: RuleExplanation(
      whatHappened: """
        The request carried one `timestamp` and the signature was made over another. The \
        signer made its own timestamp instead of using the one in the parameters it was given \
        (the Upload Widget puts its own in `params_to_sign`), or the code that sends the \
        request read the clock again after signing. When the two readings are a second apart, \
        uploads fail only now and then: they work whenever both fall in the same second.
        """,
      whyRefused: """
        The server signs the timestamp it received. A signature made over any other number \
        does not match.
        """,
      howToFix: """
        Read the clock once and use that value for both: sign the parameters you are going to \
        send, timestamp included, and send exactly those. With the Upload Widget, sign the \
        `timestamp` that comes in `params_to_sign` and add none of your own.
        """,
      sdkNotes: [
        ("Go", "`api.SignParameters` overwrote the timestamp with the current time until cloudinary-go#62 "
          + "(2022); it now sets one only when it is missing or `0`. Update, and pass the widget's timestamp "
          + "in the map."),
        ("Upload Widget", "the widget's documentation asks you to sign the timestamp it provides, not one "
          + "you create."),
        ("Node, Python", "`api_sign_request(params_to_sign, api_secret)` signs the timestamp it is given; "
          + "set none yourself."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:source=uw&timestamp=1709830647}}. String to sign - "
          + "'source=uw&↓timestamp=1709830648'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'source=uw&↓timestamp=1709830648'.",
        params: #"{"source": "uw", ↓"timestamp": 1709830640}"#),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1709823450}}. String to sign - "
          + "'folder=a&↓timestamp=1709830648'.",
        params: #"{"folder": "a", ↓"timestamp": "1709823450"}"#, withSecret: true, isVerified: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'source=uw&timestamp=1709830648'.",
        params: #"{"source": "uw", "timestamp": 1709830648}"#),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'source=uw&timestamp=1709830648'.",
        params: #"{"source": "uw", "timestamp": 1709830648000}"#),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let timestamps = Timestamps(evidence)
    guard let sent = timestamps.sent, let sentSeconds = sent.value.seconds, let signed = timestamps.signed,
      let signedSeconds = signed.value.seconds, signedSeconds != sentSeconds
    else { return [] }
    let difference = Self.offset(signedSeconds - sentSeconds)
    var notes = timestamps.notes(in: evidence) { $0.seconds == signedSeconds ? ", \(difference)" : "" }
    if let hours = TimestampValue.zoneHours(in: signedSeconds - sentSeconds) {
      notes.append(EvidenceNote("That is within two minutes of \(hours) hour\(hours == 1 ? "" : "s"): one of "
        + "the two clocks took a local time for UTC."))
    }
    return [Self.finding(
      confidence: 0.9,
      summary: "The client signed timestamp=\(signedSeconds), \(difference): the signer made its own "
        + "timestamp.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)]
  }

  func searches(_ evidence: Evidence) -> [ValueSearch] {
    guard let sent = Timestamps(evidence).sent?.value.seconds else { return [] }
    let radius = Self.searchRadius
    // Every second within the radius but the one sent, which the search tries first anyway.
    let offset: @Sendable (Int) -> Int = { $0 < radius ? $0 - radius : $0 - radius + 1 }
    return [ValueSearch(
      rule: Self.slug,
      summary: "signed another timestamp",
      key: "timestamp",
      count: 2 * radius,
      integer: { sent + offset($0) },
      describe: { "\(sent + offset($0)), \(Self.offset(offset($0)))" })]
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    verifiedTimestampFinding(proof, evidence: evidence)
  }
}

private extension TimestampMismatchRule {
  /// "8 seconds before the one sent", "7198 seconds (1 h 59 min 58 s) after the one sent".
  static func offset(_ seconds: Int) -> String {
    let length = abs(seconds) < 60 ? "" : " (\(TimestampValue.duration(seconds)))"
    return "\(TimestampValue.seconds(abs(seconds)))\(length) \(seconds < 0 ? "before" : "after") the one sent"
  }
}
