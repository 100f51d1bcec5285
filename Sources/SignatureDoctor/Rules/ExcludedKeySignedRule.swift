/// Looks for keys the server leaves out of its string to sign (`api_key`, `file`,
/// `resource_type`, `cloud_name`, `signature`) in what the client signed: its logged string,
/// or its parameters, read directly since the reference signer drops these keys and leaves
/// `ClientPair.value` nil. A key the server's own string has (a Media Library login signs
/// `cloud_name`) is not flagged. Its hypotheses add each key with the values the paste, the
/// environment or the client give. The empty- and null-value rules skip these keys.
struct ExcludedKeySignedRule: Rule {
  static let description = RuleDescription(
    slug: "excluded-key-signed",
    code: "SD012",
    title: "A key the server leaves out of the signature was signed",
    explanation: RuleExplanation(
      whatHappened: """
        The signer signed a parameter that Cloudinary never puts in the string to sign: \
        `api_key`, `file`, `resource_type`, `cloud_name` or `signature`. They travel with the \
        request, in the form or in the URL, but stay outside the signature. A hand-written \
        signer that signs every parameter it holds, or an SDK helper such as \
        `api_sign_request`, which signs whatever it is given, includes them when the \
        parameters object carries them.
        """,
      whyRefused: """
        The server builds its string to sign without these keys. Yours has an extra pair, so \
        the strings differ and so do the digests, even when every other parameter matches.
        """,
      howToFix: """
        Take `api_key`, `file`, `resource_type`, `cloud_name` and `signature` out of the \
        parameters before signing, and add the API key and the file to the request after the \
        signature is made. The resource type belongs in the upload URL (`/video/upload`), the \
        cloud name too.
        """,
      sdkNotes: [
        ("Node, Python, Ruby, PHP", "`api_sign_request` signs every key it is given: pass it the upload "
          + "parameters without these keys."),
        (".NET", "`SignParameters` drops `resource_type`, `file` and `api_key`, but signs `cloud_name`."),
        ("Go", "the uploader leaves all four out; `api.SignParameters` leaves none out."),
        ("Elixir (cloudex)", "releases before 1.2.3 signed `resource_type` for video uploads; upgrade."),
        ("Media Library widget", "its login signature does include `cloud_name`, with `timestamp` and "
          + "`username`; that is not this mistake."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:resource_type=video&timestamp=1500000000}}. String to sign - "
          + "'timestamp=1500000000'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:api_key=123456789012345&public_id=cat&timestamp=1685544025}}. "
          + "String to sign - 'public_id=cat&timestamp=1685544025'.",
        params: #"{↓"api_key": "123456789012345", "public_id": "cat", "timestamp": 1685544025}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1685544025'.",
        params: #"{↓"cloud_name": "demo", "folder": "avatars", "timestamp": 1685544025}"#),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id=cat&timestamp=1685544025&type=private'.",
        params: #"{"api_key": null, "public_id": "cat", "timestamp": 1685544025, "type": "private"}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'cloud_name=demo&timestamp=1568810420&username=user@example.com'.",
        params: #"{"cloud_name": "demo", "timestamp": 1568810420, "username": "user@example.com"}"#),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let pairs = evidence.clientPairs.filter { pair in
      SigningOptions.isExcluded(pair.key) && evidence.serverPair(pair.key) == nil
        && Self.signedValue(of: pair) != nil
    }
    guard let client = evidence.client, !pairs.isEmpty else { return [] }
    let isLogged = client.loggedStringToSign != nil
    var notes = pairs.map { pair in
      let value = VisibleText.clipped(Self.signedValue(of: pair) ?? "")
      let text = isLogged
        ? "The client signed \(pair.key)=\(value), a key the server leaves out."
        : "The client's parameters hold \(pair.key), a key the server leaves out of the string it signs."
      return EvidenceNote(text, at: evidence.location(ofClientPair: pair))
    }
    let holdsSignature = client.parameters.contains { $0.key == "signature" }
    let looksSent = !isLogged && (client.format == .form || holdsSignature)
    if looksSent {
      notes.append(EvidenceNote("These parameters hold a signature or were read from a form body: "
        + "they may be the request as sent rather than what was signed."))
    }
    let keys = VerifiedHypothesis.listing(pairs.map(\.key))
    return [Self.finding(
      confidence: isLogged ? 0.95 : looksSent ? 0.35 : 0.65,
      summary: isLogged
        ? "The client signed \(keys), which the server leaves out of the string it signs."
        : "The client's parameters hold \(keys), which the server leaves out of the string it signs; a "
          + "signer handed these parameters as they are signs \(pairs.count == 1 ? "it" : "them") too.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)]
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    guard !evidence.serverPairs.isEmpty else { return [] }
    var seen = Set<String>()
    var edits: [Edit] = []
    for (key, value) in Self.suspectedValues(evidence) where !value.isEmpty {
      let pair = StringToSign.pair(key, value, version: .v2)
      guard seen.insert(pair).inserted else { continue }
      let summary = "signed \(key)=\(VisibleText.clipped(value)), which the server leaves out"
      edits.append(OneSidedValue.adding(pair, for: key, rule: Self.slug, summary: summary))
    }
    return edits
  }
}

private extension ExcludedKeySignedRule {
  /// The value a client's pair signs: a logged pair's text, or a parameter's value unless
  /// it is null or empty.
  static func signedValue(of pair: ClientPair) -> String? {
    guard let parameter = pair.parameter else { return pair.value }
    switch parameter.value {
    case .null: return nil
    case .string(let text) where text.isEmpty: return nil
    case .list(let elements) where elements.isEmpty: return nil
    case .list, .map:
      let options = SigningOptions(nestedValues: .renderLikeServer)
      return (try? StringToSign.render(parameter, options: options)) ?? nil
    default: return parameter.value.scalarText
    }
  }

  /// The excluded keys with each value the client may have signed for them, likeliest first.
  static func suspectedValues(_ evidence: Evidence) -> [(String, String)] {
    let client = evidence.clientPairs.compactMap { pair in signedValue(of: pair).map { (pair.key, $0) } }
    func given(_ key: String) -> [String] { client.filter { $0.0 == key }.map(\.1) }
    let apiKeys = given("api_key") + [evidence.apiKey].compactMap { $0 }
      + evidence.reports.filter { $0.kind == .unknownAPIKey }.compactMap(\.apiKey)
    let cloudNames = given("cloud_name") + [evidence.cloudName].compactMap { $0 }
      + evidence.reports.filter { $0.kind == .invalidCloudName }.compactMap(\.cloudName)
    let resourceTypes = given("resource_type") + ["image", "video", "raw", "auto"]
    return apiKeys.map { ("api_key", $0) } + cloudNames.map { ("cloud_name", $0) }
      + resourceTypes.map { ("resource_type", $0) } + given("file").map { ("file", $0) }
  }
}
