/// Fires on each "Unknown API key X" report, and compares X with the API key in the
/// credentials sigdoc was given. When X is one of the secrets given, it says so without
/// repeating it: key and secret were swapped.
struct UnknownAPIKeyRule: Rule {
  static let description = RuleDescription(
    slug: "unknown-api-key",
    code: "SD024",
    title: "Cloudinary does not know the API key sent",
    explanation: RuleExplanation(
      whatHappened: """
        Cloudinary answered "Unknown API key X": no key pair with that key exists for the cloud \
        the request went to. The key has a typo or was copied in part, it was deleted or \
        belongs to another account, the cloud name points at another cloud, or the key was \
        empty because the variable holding it was not set. One report has an unknown cloud \
        name with an empty key give "Unknown API key " with nothing after it.
        """,
      whyRefused: """
        Cloudinary finds the secret to check the signature with through the API key. For a \
        key it does not know there is no secret, and it refuses the request (HTTP 401).
        """,
      howToFix: """
        Take the API key and the cloud name from one place, the console's API Keys page or one \
        `CLOUDINARY_URL`, check that the key is still active, and make sure that the process \
        which sends the upload has both set.
        """,
      sdkNotes: [
        ("CLOUDINARY_URL", "`cloudinary://API_KEY:API_SECRET@CLOUD_NAME` holds the key, the secret and the "
          + "cloud name of one account together."),
        ("Upload Widget", "`apiKey` and `cloudName` must be those of the account whose secret your signing "
          + "endpoint uses."),
        ("Node", "the SDK reads `CLOUDINARY_URL` when it is first configured; set the variable before that."),
      ]
    ),
    triggering: [
      RuleExample(error: #"{"error":{"message":"↓Unknown API key 987654321098765"}}"#),
      RuleExample(error: #"{"error":{"message":"↓Unknown API key "}}"#),
      RuleExample(error: "↓Unknown API key 12345678901234", excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(error: "Invalid cloud_name undefined"),
      RuleExample(error: "Missing required parameter - api_key"),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    evidence.reports.filter { $0.kind == .unknownAPIKey }.map { report in
      let location = evidence.location(of: report)
      let key = report.apiKey ?? ""
      if let secret = evidence.secrets.first(where: { Self.isSecret(key, $0) }) {
        return Self.finding(
          confidence: 0.97,
          summary: "The API key sent is the API secret from \(secret.label): key and secret were swapped.",
          evidence: [
            EvidenceNote("Cloudinary names the key it does not know; it is the secret from \(secret.label).",
                         at: location),
            EvidenceNote("The secret has travelled as a key and is in this paste: replace it in the console "
              + "once the upload works."),
          ],
          fix: Self.description.explanation.howToFix)
      }

      var notes: [EvidenceNote] = []
      let summary: String
      if key.isEmpty {
        summary = "Cloudinary got an empty API key: the variable meant to hold it was not set, or the cloud "
          + "name is wrong."
        notes.append(EvidenceNote("Cloudinary names no key at all.", at: location))
      } else {
        let shown = VisibleText(key).text
        summary = "Cloudinary does not know the API key \(shown): a typo, a deleted key, or the wrong cloud "
          + "name."
        notes.append(EvidenceNote("Cloudinary says it knows no API key \(shown).", at: location))
      }
      if let given = evidence.apiKey, !given.isEmpty, given != key {
        let held = "The credentials sigdoc was given hold the API key \(VisibleText(given).text)"
        notes.append(EvidenceNote(key.isEmpty
          ? "\(held); the code that uploads did not get it."
          : "\(held), not this one: the code that uploads reads another key."))
      }
      return Self.finding(confidence: 0.97, summary: summary, evidence: notes,
                          fix: Self.description.explanation.howToFix)
    }
  }
}

private extension UnknownAPIKeyRule {
  /// Whether the key named is the secret, maybe with white space or quotes around it.
  static func isSecret(_ key: String, _ secret: Secret) -> Bool {
    let blanks = " \t\r\n\"'"
    let core = String(decoding: secret.bytes, as: UTF8.self).trimmingCharacters(in: blanks)
    return !core.isEmpty && key.trimmingCharacters(in: blanks) == core
  }
}
