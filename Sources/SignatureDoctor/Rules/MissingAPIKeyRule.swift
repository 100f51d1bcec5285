/// Fires on each "Missing required parameter - api_key" report. It adds the key from the
/// credentials sigdoc was given, which is no secret, and points at an `api_key` in the
/// client's parameters that never reached the request. Other missing parameters are
/// `MissingParameterRule`'s.
struct MissingAPIKeyRule: Rule {
  static let description = RuleDescription(
    slug: "missing-api-key",
    code: "SD021",
    title: "The request reached Cloudinary without an API key",
    explanation: RuleExplanation(
      whatHappened: """
        Cloudinary answered "Missing required parameter - api_key": the upload came without \
        an `api_key`. The signature was made on your server, but the part that sends the \
        upload (the Upload Widget, a mobile or Flutter SDK handed a ready signature, a form in \
        the page) was never given the key, or dropped it. The API key is not secret: it names \
        the key pair, so that Cloudinary knows which secret to check the signature with.
        """,
      whyRefused: """
        Cloudinary finds the secret through the `api_key` sent with the upload. Without one it \
        has nothing to check a signature against, and refuses the request (HTTP 400).
        """,
      howToFix: """
        Send the API key with every signed upload, next to `timestamp` and `signature`: \
        configure it in the widget or SDK that uploads, or return it from your signing \
        endpoint together with the signature. Only the API secret has to stay on the server.
        """,
      sdkNotes: [
        ("Upload Widget", "set `apiKey`, with `cloudName` and `uploadSignature`, in the widget's options."),
        ("iOS SDK", "old versions left the configured key out of uploads signed with a `CLDSignature` "
          + "(fixed by cloudinary_ios PR #72); update."),
        ("Flutter (cloudinary_dart)", "the key was added only when the SDK computed the signature itself "
          + "(fixed by PR #94); update."),
        ("next-cloudinary", "a signed `CldUploadWidget` reads the key from "
          + "`NEXT_PUBLIC_CLOUDINARY_API_KEY`."),
        ("Nuxt module", "signed widget uploads need a module version with signed-upload support "
          + "(nuxt-modules/cloudinary PR #245) and the key in the module's configuration."),
      ]
    ),
    triggering: [
      RuleExample(error: #"{"error":{"message":"↓Missing required parameter - api_key"}}"#),
      RuleExample(
        error: #"Error Domain=com.cloudinary.error Code=400 "(null)" UserInfo={message=↓Missing required "#
          + "parameter - api_key}",
        params: #"{↓"api_key": "123456789012345", "public_id": "cat", "timestamp": 1685544025}"#),
      RuleExample(error: "↓Missing required parameter - api_key", excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(error: "Missing required parameter - timestamp"),
      RuleExample(error: "Unknown API key 123456789012345"),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'api_key=123456789012345&timestamp=1685544025'.",
        excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let reports = evidence.reports.filter { $0.kind == .missingParameter && $0.parameter == "api_key" }
    return reports.map { report in
      let location = evidence.location(of: report)
      var notes = [EvidenceNote("Cloudinary says the request had no api_key.", at: location)]
      if let pair = evidence.clientPair("api_key"), pair.parameter?.value.scalarText?.isEmpty == false {
        notes.append(EvidenceNote("The client's parameters have an api_key, so it was lost between them "
          + "and the request.", at: evidence.location(ofClientPair: pair)))
      }
      if let key = evidence.apiKey, !key.isEmpty {
        let held = VisibleText(key).text
        notes.append(EvidenceNote("The API key in the credentials sigdoc was given is \(held); that is the "
          + "one to send."))
      }
      return Self.finding(
        confidence: 0.97,
        summary: "Cloudinary got no api_key with the upload: the widget or SDK that sent it was not given "
          + "the API key, which is no secret.",
        evidence: notes,
        fix: Self.description.explanation.howToFix)
    }
  }
}
