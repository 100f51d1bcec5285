/// Fires on each "Missing required parameter - X" report whose X is not `api_key`
/// (`MissingAPIKeyRule`'s), including one whose name the paste cut off, and says what the
/// usual gap is for `file`, `timestamp` and `signature`.
struct MissingParameterRule: Rule {
  static let description = RuleDescription(
    slug: "missing-parameter",
    code: "SD022",
    title: "A required parameter did not reach Cloudinary",
    explanation: RuleExplanation(
      whatHappened: """
        Cloudinary answered "Missing required parameter - X" for a parameter other than \
        `api_key`: the request came without it. For `file`, the upload carried no file: an \
        empty input, a form field under another name, or a body that is not multipart. For \
        `timestamp` or `signature`, part of the signing result was left behind: a ready \
        signature handed to an SDK that forwards only some parameters, or a widget whose \
        signing callback never answered.
        """,
      whyRefused: """
        The server refuses a request that lacks a parameter the call requires (HTTP 400). \
        sigdoc reads the message for any name; note that the exact texts for `timestamp` and \
        `signature` are not confirmed by any Cloudinary source.
        """,
      howToFix: """
        Add the named parameter to the request itself, not only to what you sign: log the \
        outgoing form fields just before the request is sent. Send `file` as the file, a URL \
        or a data URI, and `timestamp` and `signature` exactly as your signer returned them.
        """,
      sdkNotes: [
        ("Upload Widget", "call the `uploadSignature` callback with the signature string every time, also "
          + "when your endpoint fails; a callback never called leaves the upload without a signature."),
        ("Java", "with a ready signature, the SDK forwards only a list of known parameters beside it "
          + "(cloudinary_java PR #387 added `metadata`); keep the SDK current."),
        ("Node", "`file` is the first argument of `upload`, added to the request after signing; it does not "
          + "belong in the options."),
      ]
    ),
    triggering: [
      RuleExample(error: "↓Missing required parameter - file"),
      RuleExample(error: #"{"error":{"message":"↓Missing required parameter - timestamp"}}"#),
      RuleExample(error: "Upload failed: ↓Missing required parameter - signature", excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(error: "Missing required parameter - api_key"),
      RuleExample(error: "Upload preset must be specified when using unsigned upload"),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let reports = evidence.reports.filter { $0.kind == .missingParameter && $0.parameter != "api_key" }
    return reports.map { report in
      let location = evidence.location(of: report)
      guard let name = report.parameter else {
        return Self.finding(
          confidence: 0.85,
          summary: "Cloudinary refused the request for a missing required parameter whose name the paste "
            + "cuts off.",
          evidence: [EvidenceNote("Cloudinary says a required parameter was missing.", at: location)],
          fix: Self.description.explanation.howToFix)
      }
      return Self.finding(
        confidence: 0.95,
        summary: "Cloudinary refused the request because it carried no \(name)\(Self.reason(for: name)).",
        evidence: [EvidenceNote("Cloudinary says the request had no \(name).", at: location)],
        fix: Self.description.explanation.howToFix)
    }
  }
}

private extension MissingParameterRule {
  /// What usually leaves out the named parameter, as a clause after its name.
  static func reason(for name: String) -> String {
    switch name {
    case "file": ": no file was attached, or it went under another field name"
    case "timestamp": ", which every signed request must carry next to its signature"
    case "signature": ": the signature never made it into the request"
    default: ""
    }
  }
}
