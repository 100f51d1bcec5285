/// Reads the signature the client sent and fires when it is no digest at all, or a digest
/// of the wrong length. A signature the poster hid (`***`, `<my signature>`) is not a
/// cause, so it is left alone.
struct SignatureFormatRule: Rule {
  static let description = RuleDescription(
    slug: "signature-format",
    code: "SD020",
    title: "The signature sent is not a digest",
    explanation: RuleExplanation(
      whatHappened: """
        The value that reached Cloudinary as `signature` is not a hex digest: `undefined`, \
        `null`, `[object Promise]`, an empty string, or hex of the wrong length. The code that \
        should have put the signature there put something else: a promise it did not await, \
        a field that was never set, the whole JSON response instead of its `signature` field, \
        or a digest cut short.
        """,
      whyRefused: """
        The server compares the signature with a 40-digit (SHA-1) or 64-digit (SHA-256) hex \
        digest of its string to sign and the secret; anything else cannot match.
        """,
      howToFix: """
        Send the hex digest itself. Await the call that fetches the signature from your server \
        and read the field that holds it; with the Upload Widget, call \
        `callback(signature)` with the string, not with an object or a promise.
        """,
      sdkNotes: [
        ("Upload Widget", "`uploadSignature: (callback, params) => fetch(...).then(r => r.json()).then(d => callback(d.signature))`."),
        ("JavaScript", "`await` the signing request; `${promise}` becomes `[object Promise]`."),
      ]
    ),
    triggering: [
      RuleExample(error: "Invalid Signature ↓undefined. String to sign - 'source=uw&timestamp=1709830648'."),
      RuleExample(error: "Invalid Signature ↓[object Promise]. String to sign - 'timestamp=1709830648'."),
      RuleExample(error: "Invalid Signature ↓0123456789abcdef01234567. String to sign - 'timestamp=1709830648'."),
    ],
    nonTriggering: [
      RuleExample(error: "Invalid Signature ***. String to sign - 'source=uw&timestamp=1709830648'."),
      RuleExample(error: "Invalid Signature {{sign:timestamp=1}}. String to sign - 'timestamp=1'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard let sent = evidence.sentSignature else { return [] }
    let location = evidence.sentSignatureLocation
    let shown = sent.text.isEmpty ? "an empty string" : "'\(VisibleText(sent.text).text)'"
    switch sent.shape {
    case .notADigest:
      return [Self.finding(
        confidence: 0.97,
        summary: "The client sent \(shown) as the signature: no digest reached the request.",
        evidence: [EvidenceNote("The signature sent is \(shown), which is no hex digest.", at: location)],
        fix: Self.description.explanation.howToFix)]
    case .wrongLength(let length):
      return [Self.finding(
        confidence: 0.9,
        summary: "The signature sent has \(length) hex digits; a SHA-1 signature has 40 and a "
          + "SHA-256 one 64.",
        evidence: [EvidenceNote("The signature sent is \(length) characters of hex.", at: location)],
        fix: Self.description.explanation.howToFix)]
    default:
      return []
    }
  }
}
