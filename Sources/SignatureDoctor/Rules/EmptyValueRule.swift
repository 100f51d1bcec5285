/// Looks for a parameter with an empty value signed on one side only: an empty server pair
/// (`folder=`) the client left out or did not have, and an empty value the client signed or
/// holds that the server lacks. Its hypotheses drop the server's empty pairs and add `k=`
/// for the client's empty values and for each known upload parameter. A server value that
/// differs from a client text is value-mismatch's (or encoding-mismatch's, for `0` and
/// `false`); `timestamp` is the timestamp rules'; excluded keys are excluded-key-signed's.
struct EmptyValueRule: Rule {
  static let description = RuleDescription(
    slug: "empty-value",
    code: "SD007",
    title: "A parameter with an empty value was signed on one side only",
    explanation: RuleExplanation(
      whatHappened: """
        A parameter had an empty value (`folder=`, an empty list), and the signer and the \
        request treated it differently. Most signers leave an empty value out, while some \
        request builders and forms send the empty field anyway; the other way round, .NET's \
        and Go's signing helpers sign an empty value as `folder=` while the request drops it, \
        and Java signs an empty list that way.
        """,
      whyRefused: """
        The server signs the parameters it received. A pair that one string has and the other \
        lacks, even with nothing after the `=`, makes the strings differ, and so the digests.
        """,
      howToFix: """
        Drop parameters with empty values before both signing and sending: filter out empty \
        strings and empty lists once, and sign and send the same filtered parameters. Do not \
        send form fields the user left blank.
        """,
      sdkNotes: [
        (".NET", "`SignParameters` signs an empty string as `k=`; remove empty entries from the dictionary "
          + "first."),
        ("Go", "`api.SignParameters` filters nothing; delete empty values from the `url.Values` before "
          + "signing."),
        ("Java", "an empty collection is signed as `k=`; leave the parameter out instead."),
        ("HTML forms", "blank inputs are sent as `name=`; disable or remove them before submitting."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&ocr=&timestamp=1685544025}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1768517629}}. String to sign - "
          + "'↓folder=&timestamp=1768517629&↓upload_preset='.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=&public_id=cat&timestamp=1685544025}}. String to sign - "
          + "'public_id=cat&timestamp=1685544025'.",
        params: #"{↓"folder": "", "public_id": "cat", "timestamp": 1685544025}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:tags=&timestamp=1685544025}}. String to sign - "
          + "'timestamp=1685544025'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓folder=&public_id=cat&timestamp=1685544025'.",
        params: #"{↓"folder": "", "public_id": "cat", "timestamp": 1685544025}"#,
        excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=cat&timestamp=1685544025'.",
        params: #"{"folder": null, "public_id": "cat", "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=cat&timestamp='."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    [receivedEmpty(evidence), signedEmpty(evidence)].compactMap { $0 }
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    var edits = OneSidedValue.leavingOut(Self.emptyPairs(in: evidence), rule: Self.slug,
                                         shown: { $0.key + "=" }, reason: ", which the request carried empty")
    guard !evidence.serverPairs.isEmpty else { return edits }
    var seen = Set<String>()
    for parameter in evidence.client?.parameters ?? [] where Self.isEmpty(parameter.value) {
      guard OneSidedValue.isClaimable(parameter.key), seen.insert(parameter.key).inserted else { continue }
      let pair = StringToSign.pair(parameter.key, "", version: .v2)
      let summary = "signed \(VisibleText(pair).text) for an empty \(VisibleText(parameter.key).text)"
      edits.append(OneSidedValue.adding(pair, for: parameter.key, rule: Self.slug, summary: summary))
    }

    // NB: these guesses are many, so a guess is not made on top of another one: a candidate
    // gets at most one empty pair the server's string does not show, which keeps the search's
    // pairs of mistakes from growing with the square of this list.
    let serverPairs = Set(evidence.serverPairs.map(\.text))
    for key in Self.uploadParameters where seen.insert(key).inserted {
      let pair = key + "="
      let summary = "signed \(pair), an empty value the server leaves out"
      edits.append(Edit(rule: Self.slug, summary: summary) { candidate in
        let guessed = candidate.pairs.contains { text in
          text.firstIndex(of: "=") == text.indices.last && !serverPairs.contains(text)
        }
        return candidate.has(key) || guessed ? nil : candidate.adding(pair)
      })
    }
    return edits
  }

  /// Parameters of Cloudinary's upload call that a form or a signer may hold with an empty
  /// value (the upload parameters pycloudinary 1.46.3 knows, and `access_mode`); the
  /// timestamp and the keys the server excludes are not among them.
  static let uploadParameters = [
    "access_control", "access_mode", "accessibility_analysis", "allowed_formats", "asset_folder",
    "async", "auto_chaptering", "auto_tagging", "auto_transcription", "background_removal",
    "backup", "batch_id", "callback", "categorization", "cinemagraph_analysis", "colors", "context",
    "custom_coordinates", "detection", "discard_original_filename", "display_name", "eager",
    "eager_async", "eager_notification_url", "eval", "exif", "face_coordinates", "faces",
    "filename_override", "folder", "format", "headers", "image_metadata", "invalidate",
    "media_metadata", "metadata", "moderation", "notification_url", "ocr", "on_success",
    "overwrite", "phash", "proxy", "public_id", "public_id_prefix", "quality_analysis",
    "quality_override", "raw_convert", "regions", "responsive_breakpoints", "return_delete_token",
    "similarity_search", "tags", "transformation", "type", "unique_display_name", "unique_filename",
    "upload_preset", "use_asset_folder_as_public_id_prefix", "use_filename",
    "use_filename_as_display_name", "visual_search",
  ]
}

private extension EmptyValueRule {
  /// Whether a client's value is empty: an empty string or an empty list.
  static func isEmpty(_ value: ParameterValue) -> Bool {
    switch value {
    case .string(let text): text.isEmpty
    case .list(let elements): elements.isEmpty
    default: false
    }
  }

  /// The server's empty pairs, where the client, if given, left the key out or had no
  /// value for it. A piece with no `=` at all (`yyy`, `*****`: a string the poster hid) is
  /// no pair.
  static func emptyPairs(in evidence: Evidence) -> [SignedPair] {
    OneSidedValue.receivedPairs(in: evidence) { $0.value.isEmpty && $0.range.count == $0.key.utf8.count + 1 }
  }

  func receivedEmpty(_ evidence: Evidence) -> Finding? {
    let pairs = Self.emptyPairs(in: evidence)
    guard !pairs.isEmpty else { return nil }
    let notes = OneSidedValue.notes(
      on: pairs, evidence: evidence,
      received: { "The server received \($0.key)= with an empty value." },
      kind: { client in
        client.parameter.map { Self.isEmpty($0.value) ? "empty" : $0.value.kindDescription } ?? "empty"
      })
    let texts = VerifiedHypothesis.listing(pairs.map { $0.key + "=" })
    return Self.finding(
      confidence: evidence.hasClient ? 0.9 : 0.7,
      summary: evidence.hasClient
        ? "The request carried \(texts) with an empty value, but the signer left it out."
        : "The request carried \(texts) with an empty value, which most signers leave out of the string "
          + "they sign.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }

  /// The client's empty values the server's string lacks: signed as `k=` in a string the
  /// client logged (a proof), or held as parameters (a hint, since only some signers keep
  /// them).
  func signedEmpty(_ evidence: Evidence) -> Finding? {
    let pairs = OneSidedValue.signedPairs(in: evidence) { pair in
      pair.parameter.map { Self.isEmpty($0.value) } ?? (pair.value == "")
    }
    guard !pairs.isEmpty else { return nil }
    let hasServerString = evidence.serverString != nil
    let isLogged = pairs.contains { $0.parameter == nil }
    let texts = VerifiedHypothesis.listing(pairs.map { $0.key + "=" })
    let notes = pairs.map { pair in
      let text = pair.parameter == nil ? "The client signed \(pair.key)= with an empty value."
        : "The client's \(pair.key) is empty; .NET's and Go's signers sign it as \(pair.key)=."
      return EvidenceNote(text, at: evidence.location(ofClientPair: pair))
    }
    let absence = hasServerString
      ? "the server's string has no such pair" : "most request builders drop empty values"
    return Self.finding(
      confidence: isLogged ? (hasServerString ? 0.9 : 0.5) : (hasServerString ? 0.45 : 0.35),
      summary: isLogged
        ? "The client signed \(texts) with an empty value, while \(absence)."
        : "The client's parameters hold \(texts) with an empty value, which a signer that keeps empty values "
          + "signs, while \(absence).",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }
}
