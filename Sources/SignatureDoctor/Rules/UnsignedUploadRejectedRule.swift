/// Fires on each report that an upload without a signature was refused: "Upload preset must
/// be whitelisted for unsigned uploads" (it named a preset in signed mode) and "Upload preset
/// must be specified when using unsigned upload" (it named none), with the 2014 wording of
/// the second.
struct UnsignedUploadRejectedRule: Rule {
  static let description = RuleDescription(
    slug: "unsigned-upload-rejected",
    code: "SD023",
    title: "An upload without a signature was refused: its preset needs one, or it named no preset",
    explanation: RuleExplanation(
      whatHappened: """
        The upload carried no signature, so Cloudinary took it for an unsigned upload. \
        "Upload preset must be whitelisted for unsigned uploads" means it named an upload \
        preset whose signing mode is Signed; "Upload preset must be specified when using \
        unsigned upload" means it named no preset at all. Often the request was meant to be \
        signed and the signature never got into it: the signing endpoint failed, or the code \
        took its unsigned path.
        """,
      whyRefused: """
        Cloudinary accepts an upload without a signature only through a preset whose signing \
        mode is Unsigned; every other upload must be signed. The preset messages come with \
        HTTP 400 (reports of the first also show 401).
        """,
      howToFix: """
        Decide which kind of upload you want. Signed: send `api_key`, `timestamp` and \
        `signature` (the preset may stay in signed mode). Unsigned: name a preset whose \
        signing mode is Unsigned (console: Settings, Upload, Upload presets) and send no \
        signature.
        """,
      sdkNotes: [
        ("Upload Widget", "for a signed preset give `apiKey` and `uploadSignature`; for an unsigned upload, "
          + "an `uploadPreset` in Unsigned mode."),
        ("Node", "`cloudinary.uploader.unsigned_upload(file, preset)` sends no signature and drops "
          + "`timestamp`; a signed preset needs `upload` with your credentials."),
        ("JavaScript direct upload", "post `upload_preset` with the file; in 2014 the second message read "
          + "\"Upload preset Must specify upload preset when using unsigned upload\"."),
      ]
    ),
    triggering: [
      RuleExample(error: #"{"error":{"message":"↓Upload preset must be whitelisted for unsigned uploads"}}"#),
      RuleExample(error: "↓Upload preset must be specified when using unsigned upload"),
      RuleExample(error: "↓Upload preset Must specify upload preset when using unsigned upload",
                  excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(error: "Stale request - reported time is 2015-06-20 12:59:41 +0000 which is more than 1 "
        + "hour ago"),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'timestamp=1685544025&upload_preset=signed_avatars'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    evidence.reports.compactMap { report in
      let summary: String
      let note: String
      switch report.kind {
      case .presetNotWhitelisted:
        summary = "The upload had no signature and named a preset in signed mode: sign the request, or use a "
          + "preset set to Unsigned."
        note = "Cloudinary says the preset named must be marked for unsigned uploads."
      case .presetRequired:
        summary = "The upload had no signature and named no upload preset: sign the request, or name a "
          + "preset set to Unsigned."
        note = "Cloudinary says an upload without a signature must name a preset."
      default:
        return nil
      }
      return Self.finding(
        confidence: 0.97,
        summary: summary,
        evidence: [EvidenceNote(note, at: evidence.location(of: report))],
        fix: Self.description.explanation.howToFix)
    }
  }
}
