/// Fires on each "Invalid cloud_name X" report, tells an unset variable (`undefined`,
/// `null`, nothing) from a wrong name, and compares X with the cloud name in the credentials
/// sigdoc was given.
struct InvalidCloudNameRule: Rule {
  static let description = RuleDescription(
    slug: "invalid-cloud-name",
    code: "SD025",
    title: "The cloud name in the request does not exist",
    explanation: RuleExplanation(
      whatHappened: """
        Cloudinary answered "Invalid cloud_name X": the upload URL named a cloud that does not \
        exist. `undefined` (or `null`, or nothing) means the variable meant to hold the cloud \
        name was not set where the code ran. Another value is usually a typo, the account's \
        name or e-mail address in place of the cloud name, or a cloud that was renamed.
        """,
      whyRefused: """
        The cloud name is part of the upload URL and selects the account; for a name that \
        belongs to no account there is nothing to check the request against (HTTP 401).
        """,
      howToFix: """
        Use the cloud name the console shows on its dashboard, taken from the same \
        `CLOUDINARY_URL` as the key, and make sure the variable is set where the upload code \
        runs: in the browser build as well as on the server.
        """,
      sdkNotes: [
        ("Next.js", "a variable read in the browser must start with `NEXT_PUBLIC_` and is built in; rebuild "
          + "after setting it."),
        ("Vite", "only variables starting with `VITE_` reach `import.meta.env`."),
        ("Upload Widget", "`cloudName` is a required option."),
      ]
    ),
    triggering: [
      RuleExample(error: "↓Invalid cloud_name undefined"),
      RuleExample(error: #"{"error":{"message":"↓Invalid cloud_name my-company"}}"#),
    ],
    nonTriggering: [
      RuleExample(error: "Unknown API key 123456789012345"),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'cloud_name=demo&timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    evidence.reports.filter { $0.kind == .invalidCloudName }.map { report in
      let name = report.cloudName ?? ""
      let shown = VisibleText(name).text
      let isUnset = name.isEmpty || ValueDifference.nullSpellings.contains(name)
      let seen = name.isEmpty
        ? "Cloudinary names no cloud at all." : "Cloudinary says it knows no cloud named \(shown)."
      var notes = [EvidenceNote(seen, at: evidence.location(of: report))]
      if let given = evidence.cloudName, !given.isEmpty, given != name {
        let held = VisibleText(given).text
        notes.append(EvidenceNote("The credentials sigdoc was given name the cloud \(held)."))
      }
      let summary = isUnset
        ? "The request named the cloud '\(shown)': the variable meant to hold the cloud name was not set "
          + "where the upload code ran."
        : "Cloudinary knows no cloud named '\(shown)': use the cloud name from the console's dashboard."
      return Self.finding(confidence: 0.97, summary: summary, evidence: notes,
                          fix: Self.description.explanation.howToFix)
    }
  }
}
