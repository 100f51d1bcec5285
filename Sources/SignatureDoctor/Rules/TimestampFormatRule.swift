/// Reads the `timestamp` the request carried and the one the client signed, and fires when
/// one of them is no Unix time in whole seconds: `1`, `1.759930024E9`, `1685544025.0`, a
/// date, nothing. It suspects the client signed the whole seconds such a value stands for,
/// or its own timestamp. When both sides hold the same text, the timestamp explains no
/// signature mismatch and the rule stays quiet. Thirteen digits are
/// `TimestampInMillisecondsRule`'s; the clock is `StaleTimestampRule`'s.
struct TimestampFormatRule: Rule {
  static let description = RuleDescription(
    slug: "timestamp-format",
    code: "SD003",
    title: "The timestamp is not a Unix time in whole seconds",
    explanation: RuleExplanation(
      whatHappened: """
        The `timestamp` is not an integer count of seconds since 1970. It is `1` or `0`, what \
        a number becomes when something reads it as a Boolean (an iOS SDK once sent an \
        `NSNumber` timestamp that way); a number in scientific notation, `1.759930024E9`, as \
        Google Apps Script writes large numbers; a number with a decimal point, \
        `1685544025.0`; a time in microseconds or nanoseconds; a date written as text; or \
        nothing at all. Usually the signer signed the right integer and the code that built \
        the request wrote it another way, or the reverse.
        """,
      whyRefused: """
        The server signs the timestamp exactly as it received it, character for character. \
        `1.759930024E9` and `1759930024` stand for the same number but are different text, \
        so their digests differ. And a value that is no Unix time in seconds cannot be taken \
        as the time the request was signed.
        """,
      howToFix: """
        Make the timestamp an integer number of seconds once, where it is created, and put \
        that same text both in the signed parameters and in the request. Round a fractional \
        time down, and keep any JSON or form layer from writing the number another way: send \
        it as a string of digits.
        """,
      sdkNotes: [
        ("iOS", "give `CLDSignature` the timestamp as a `String`, not an `NSNumber`, which an old SDK sent "
          + "as `1`."),
        ("Google Apps Script", "send `ts.toFixed(0)`; the payload writes large numbers in scientific "
          + "notation."),
        ("Python", "`int(time.time())`; `time.time()` is a float and signs as `1685544025.123456`."),
        ("PHP", "`time()` is an integer; `microtime(true)` is a float."),
        (".NET", "a `long` from `ToUnixTimeSeconds()`; a `double` is written in the current culture's "
          + "format."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:public_id=cat&timestamp=1685544025}}. String to sign - "
          + "'public_id=cat&↓timestamp=1'.",
        params: #"{"public_id": "cat", ↓"timestamp": 1685544025}"#, withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&public_id=b&timestamp=1759930024}}. String to sign - "
          + "'folder=a&public_id=b&↓timestamp=1.759930024E9'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=b&↓timestamp=1685544025.0'."),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'↓timestamp=1685544025&upload_preset=x'.",
        params: #"{↓"timestamp": 1685544025.5, "upload_preset": "x"}"#),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'↓timestamp=2023-05-31T14:40:25Z'."),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1685544025}}. String to sign - "
          + "'folder=a&↓timestamp='.",
        params: #"{"folder": "a", ↓"timestamp": "1685544025"}"#, withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1685544025}}. String to sign - "
          + "'↓timestamp=1685544025123456789'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'public_id=cat&timestamp=1685544025'.",
        params: #"{"public_id": "cat", "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'public_id=cat&timestamp=1685544025123'."),
      RuleExample(
        error: "Invalid Signature {{sign:public_id=cat&timestamp=1}}. String to sign - "
          + "'public_id=dog&timestamp=1'.",
        params: #"{"public_id": "cat", "timestamp": 1}"#, withSecret: true, excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let timestamps = Timestamps(evidence)
    let summary: String
    let confidence: Double
    switch timestamps.oddity(\.isMalformed) {
    case .sent(let value):
      summary = "The timestamp the request carried, '\(VisibleText(value.text).text)', is "
        + "\(value.problem ?? ""), not a Unix time in whole seconds."
      confidence = 0.9
    case .signed(let value, let seconds?):
      summary = "The client signed the timestamp as '\(VisibleText(value.text).text)', "
        + "\(value.problem ?? ""), while the request carried \(seconds)."
      confidence = 0.9
    case .signed(let value, nil):
      summary = "The client's timestamp, '\(VisibleText(value.text).text)', is \(value.problem ?? ""), not a "
        + "Unix time in whole seconds."
      confidence = 0.6
    case nil:
      return []
    }
    let notes = timestamps.notes(in: evidence) { value in value.problem.map { ", \($0)" } ?? "" }
    return [Self.finding(confidence: confidence, summary: summary, evidence: notes,
                         fix: Self.description.explanation.howToFix)]
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    let timestamps = Timestamps(evidence)
    guard let sent = timestamps.sent else { return [] }
    var edits: [Edit] = []
    let shown = VisibleText(sent.value.text).text
    if let seconds = sent.value.derivedSeconds.map(String.init) {
      let summary = "signed timestamp=\(seconds), the whole seconds '\(shown)' stands for"
      edits.append(Edit(rule: Self.slug, summary: summary) { $0.replacing("timestamp", with: seconds) })
    }
    if let signed = timestamps.signed, !timestamps.agree, sent.value.isMalformed || signed.value.isMalformed {
      let value = String(StringToSign.pair("", signed.value.text, version: .v2).dropFirst())
      let summary = "signed its own timestamp=\(VisibleText(value).text) while '\(shown)' was sent"
      edits.append(Edit(rule: Self.slug, summary: summary) { $0.replacing("timestamp", with: value) })
    }
    return edits
  }

  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    verifiedTimestampFinding(proof, evidence: evidence)
  }
}
