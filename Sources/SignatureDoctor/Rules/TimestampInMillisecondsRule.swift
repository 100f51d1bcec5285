/// Looks for a 13-digit `timestamp`: in the server's string (the request carried
/// milliseconds), or in the client's parameters while the server got seconds. It suspects
/// the client signed seconds while milliseconds were sent, or milliseconds within ten seconds
/// of the seconds sent. When the client signed the very value the request carried, the
/// timestamp explains no signature mismatch and the rule stays quiet. The clock is
/// `StaleTimestampRule`'s; other spellings are `TimestampFormatRule`'s.
struct TimestampInMillisecondsRule: Rule {
  /// How far, in milliseconds, a signed time may lie from the seconds sent.
  static let searchRadius = 10_000

  static let description = RuleDescription(
    slug: "timestamp-in-milliseconds",
    code: "SD002",
    title: "The timestamp is in milliseconds where Cloudinary wants seconds",
    explanation: RuleExplanation(
      whatHappened: """
        A `timestamp` has 13 digits: the Unix time in milliseconds, as JavaScript's \
        `Date.now()` and Java's `System.currentTimeMillis()` return it. Cloudinary wants \
        seconds, 10 digits. Either the request carried the milliseconds, or one side used \
        milliseconds and the other seconds: the signer signed `Date.now()` and the request \
        carried the time divided by 1000, or the reverse.
        """,
      whyRefused: """
        The server signs the timestamp it receives, digit for digit; a signature made over \
        any other number does not match. Read as seconds, a 13-digit timestamp is a date tens \
        of thousands of years ahead.
        """,
      howToFix: """
        Take the time once, divide by 1000 and round down where it is made, and use that one \
        value both for signing and in the request: `Math.floor(Date.now() / 1000)`.
        """,
      sdkNotes: [
        ("JavaScript", "`Math.floor(Date.now() / 1000)`; `Date.now()` and `getTime()` are milliseconds."),
        ("Java, Android", "`System.currentTimeMillis() / 1000`, or `Instant.now().getEpochSecond()`."),
        (".NET", "`DateTimeOffset.UtcNow.ToUnixTimeSeconds()`, not `ToUnixTimeMilliseconds()`."),
        ("Go", "`time.Now().Unix()`, not `UnixMilli()`."),
        ("Dart", "`DateTime.now().millisecondsSinceEpoch ~/ 1000`."),
        ("Upload Widget", "sign the `timestamp` in `params_to_sign` as it is; do not put `Date.now()` in "
          + "its place."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:source=uw&timestamp=1709830648123}}. String to sign - "
          + "'source=uw&↓timestamp=1709830648'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025&upload_preset=avatars}}. String to sign - "
          + "'↓timestamp=1685544025123&upload_preset=avatars'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&↓timestamp=1685544025'.",
        params: #"{"folder": "a", ↓"timestamp": 1685544025123}"#),
      RuleExample(
        error: "Missing required parameter - api_key",
        params: #"{"folder": "a", ↓"timestamp": 1685544025123}"#, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        params: #"{"folder": "a", "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=168554402512'."),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1685544025123}}. String to sign - "
          + "'folder=b&timestamp=1685544025123'.",
        params: #"{"folder": "a", "timestamp": 1685544025123}"#, withSecret: true, excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let timestamps = Timestamps(evidence)
    let summary: String
    let confidence: Double
    switch timestamps.oddity(\.isMilliseconds) {
    case .sent(let value):
      summary = "The request carried the timestamp in milliseconds, \(value.text), where Cloudinary wants "
        + "seconds, \(value.text.dropLast(3))."
      confidence = 0.95
    case .signed(let value, let seconds?):
      summary = "The client signed the timestamp in milliseconds, \(value.text), while the request carried "
        + "seconds, \(seconds)."
      confidence = 0.95
    case .signed(let value, nil):
      summary = "The client's timestamp, \(value.text), is in milliseconds where Cloudinary wants seconds."
      confidence = 0.8
    case nil:
      return []
    }
    return [Self.finding(confidence: confidence, summary: summary, evidence: timestamps.notes(in: evidence),
                         fix: Self.description.explanation.howToFix)]
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    guard let sent = Timestamps(evidence).sent, case .milliseconds(let milliseconds) = sent.value.form else {
      return []
    }
    let seconds = String(milliseconds / 1000)
    let summary = "signed timestamp=\(seconds) in seconds while \(milliseconds) milliseconds were sent"
    return [Edit(rule: Self.slug, summary: summary) { $0.replacing("timestamp", with: seconds) }]
  }

  func searches(_ evidence: Evidence) -> [ValueSearch] {
    guard let seconds = Timestamps(evidence).sent?.value.seconds else { return [] }
    let radius = Self.searchRadius
    let value: @Sendable (Int) -> Int = { seconds * 1000 + $0 - radius }
    return [ValueSearch(
      rule: Self.slug,
      summary: "signed a time in milliseconds",
      key: "timestamp",
      count: 2 * radius + 1,
      integer: value,
      describe: { "\(value($0)) ms, \($0 - radius) ms from the seconds sent" })]
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    verifiedTimestampFinding(proof, evidence: evidence)
  }
}
