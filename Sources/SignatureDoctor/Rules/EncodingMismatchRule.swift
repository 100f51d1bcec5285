/// Compares the values both sides have and claims the differences of spelling only, as
/// `ValueDifference.isEncoding` sorts them: URL-encoding (and `+` for spaces), HTML
/// entities, Unicode normalisation, `&` against `%26`, booleans and numbers written another
/// way. It leaves `timestamp` to the timestamp rules, empty values to `empty-value`, and
/// unrelated values to `value-mismatch`. Latin-1 is explained but never tried: a value
/// written as ISO-8859-1 bytes is no valid UTF-8, so no candidate string can hold it.
struct EncodingMismatchRule: PlanningRule {
  static let description = RuleDescription(
    slug: "encoding-mismatch",
    code: "SD014",
    title: "A value was signed in another spelling than the one sent",
    explanation: RuleExplanation(
      whatHappened: """
        Both sides have the same parameters with the same meaning, but one value is written \
        differently: URL-encoded on one side only (`%2C` for a comma, `+` or `%20` for a \
        space), with HTML entities (`&amp;`), in another Unicode form (an accented letter \
        composed, NFC, or as a letter and a combining mark, NFD), as Latin-1 bytes instead \
        of UTF-8, with `&` written as `%26` by a version 2 signer and as it is by a version 1 \
        signer, a boolean spelt `true`, `1` or `True` (or a false one left out, or left \
        empty), or a number written `1.0` where the request has `1`.
        """,
      whyRefused: """
        The signature covers bytes, not meanings. The server decodes the request and signs \
        the values as it received them; `1` and `true`, `%2C` and `,`, or `é` as one code \
        point and as two, are different bytes and give a different digest.
        """,
      howToFix: """
        Sign the raw values, exactly as the request delivers them: no URL-encoding in the \
        string to sign (encoding belongs to the request body, which the server decodes), no \
        HTML escaping, text in UTF-8 and in one Unicode form on both sides (NFC is the usual \
        one), and every boolean and number converted to text the same way for the signature \
        and for the request.
        """,
      sdkNotes: [
        ("Python", "let `cloudinary.uploader` sign, or convert booleans to `1`/`0` before calling "
          + "`api_sign_request`: given a raw `True` it writes `true`, and it leaves a `False` out."),
        ("PHP", "PHP 1.x writes `true` as `1` and `false` as an empty value; PHP 2 and later "
          + "write `1` and leave `false` out; send booleans as the text you signed."),
        (".NET", "a raw `bool` given to `SignParameters` becomes `True` or `False`; store booleans as the "
          + "lower-case strings `true` and `false`, as the SDK's own parameter classes do."),
        ("Elixir and hand-written signers", "join raw `key=value` pairs; a query-string encoder such as "
          + "`URI.encode_query` turns `,` into `%2C` and `:` into `%3A`."),
        ("Signature version", "SDK releases from June 2025 on write `&` inside a value as `%26`, older ones and "
          + "PHP 1.x as it is: the server's string shows which form it used; sign in that form."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:folder=\u{E9}t\u{E9}&public_id=cafe\u{301}&timestamp=1685544025}}. "
          + "String to sign - 'folder=\u{E9}t\u{E9}&↓public_id=caf\u{E9}&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:notification_url=https://example.com/hook&phash=1&timestamp=1400000000}}. "
          + "String to sign - 'notification_url=https://example.com/hook&↓phash=true&timestamp=1400000000'.",
        params: #"{"notification_url": "https://example.com/hook", ↓"phash": 1, "timestamp": 1400000000}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:eager=w_400%2Ch_300%2Cc_pad&public_id=sample&timestamp=1315060510}}. "
          + "String to sign - '↓eager=w_400,h_300,c_pad&public_id=sample&timestamp=1315060510'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1430000000}}. String to sign - "
          + "'folder=a&timestamp=1430000000&↓use_filename=false'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓public_id=caf\u{E9}&timestamp=1430000000'.",
        params: #"{↓"public_id": "cafe\u0301", "timestamp": 1430000000}"#),
      RuleExample(
        error: "Invalid Signature {{sign:notification_url=https://example.com/hook?a=1&b=2&timestamp=1430000000}}. "
          + "String to sign - '↓notification_url=https://example.com/hook?a=1%26b=2&timestamp=1430000000'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:timestamp=1430000000&unique_filename=0&use_filename=1}}. "
          + "String to sign - 'timestamp=1430000000&↓unique_filename=false&↓use_filename=true'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'↓context=alt=\"Tom\"&↓quality=80&timestamp=1430000000'.",
        params: #"{↓"context": "alt=&quot;Tom&quot;", ↓"quality": 80.0, "timestamp": 1430000000}"#,
        excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:public_id=cafe\u{301}&timestamp=1430000000}}. String to sign - "
          + "'↓public_id=caf\u{E9}&timestamp=1430000000'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature {{sign:folder=a&timestamp=1430000000&use_filename=}}. String to sign - "
          + "'folder=a&timestamp=1430000000&↓use_filename=false'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'tags=a%2Cb&timestamp=1430000000'.",
        params: #"{"tags": "a%2Cb", "timestamp": 1430000000}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=a&timestamp=1430000000'.",
        params: #"{"folder": "a", "timestamp": 1430000000.0}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=Avatars&timestamp=1430000000'.",
        params: #"{"folder": "avatars", "timestamp": 1430000000}"#, excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    Self.claimed(evidence).compactMap { server, client, difference in
      guard let value = client.value else { return nil }
      let signed = VisibleText(value).text
      let sent = VisibleText(server.value).text
      let kind = Self.kind(of: difference, server: server.value, client: value)
      return Self.finding(
        confidence: 0.9,
        summary: "'\(server.key)' was signed as '\(signed)' but sent as '\(sent)': \(kind).",
        evidence: [
          EvidenceNote(
            "The server received \(server.key)=\(sent).",
            at: evidence.location(ofServerPair: server)
          ),
          EvidenceNote(
            "The client signed \(server.key)=\(signed).",
            at: evidence.location(ofClientPair: client)
          ),
        ],
        fix: Self.description.explanation.howToFix)
    }
  }
}

// MARK: - Hypotheses

extension EncodingMismatchRule {
  /// Every spelling this rule suspects, the most specific first, so that a string two of
  /// them give is credited to the more telling one.
  static func plan(_ evidence: Evidence) -> [PlannedEdit] {
    let pairs = evidence.serverPairs.filter { $0.key != "timestamp" }
    var plans: [PlannedEdit] = []
    func add(
      _ summary: String,
      _ notes: [EvidenceNote],
      _ apply: @escaping @Sendable (Candidate) -> Candidate?
    ) {
      plans.append(PlannedEdit(edit: Edit(rule: slug, summary: summary, apply: apply), notes: notes))
    }
    func note(_ pair: SignedPair, _ signed: Spelling) -> EvidenceNote {
      let what = signed.map { "the signer wrote \(VisibleText($0).text)" } ?? "the signer left it out"
      return EvidenceNote("The server received \(VisibleText(pair.text).text); \(what).",
                          at: evidence.location(ofServerPair: pair))
    }

    // Booleans, one pair at a time and then each signer's way with all of them.
    let booleans = pairs.filter { !respellings(of: $0.value).isEmpty }
    for pair in booleans {
      for spelling in respellings(of: pair.value) {
        let signed = spelling.map { pair.key + "=" + $0 }
        let summary: String
        if let spelling, let signed {
          summary = "signed \(VisibleText(signed).text) instead of \(VisibleText(pair.text).text)"
            + (writers(of: spelling).map { " (\($0))" } ?? "")
        } else {
          summary = "left out \(VisibleText(pair.text).text), as pycloudinary and PHP 2 do with false"
        }
        add(summary, [note(pair, signed)]) { respelled($0, [(pair.key, signed)]) }
      }
    }
    for dialect in dialects where booleans.count > 1 {
      let changes = booleans.compactMap { pair -> (pair: SignedPair, signed: Spelling)? in
        let spelling = isTrue(pair.value) ? dialect.true : dialect.false
        return spelling == pair.value ? nil : (pair, spelling.map { pair.key + "=" + $0 })
      }
      guard changes.count > 1 else { continue }
      let keyed = changes.map { ($0.pair.key, $0.signed) }
      add(dialect.summary, changes.map { note($0.pair, $0.signed) }) { respelled($0, keyed) }
    }

    // Numbers with and without a zero fraction.
    for pair in pairs {
      guard let number = respelledNumber(pair.value) else { continue }
      let signed = pair.key + "=" + number
      let summary = "signed \(VisibleText(signed).text) instead of \(VisibleText(pair.text).text)"
      add(summary, [note(pair, signed)]) {
        respelled($0, [(pair.key, signed)])
      }
    }

    // Each value encoded, or its & written another way.
    for (summary, change) in valueChanges {
      let notes = pairs.compactMap { pair -> EvidenceNote? in
        let changed = change(pair.value)
        return changed.hasSameScalars(as: pair.value) ? nil : note(pair, pair.key + "=" + changed)
      }
      guard !notes.isEmpty else { continue }
      add(summary, notes) { $0.mappingValues(change) }
    }

    // One value alone in the other Unicode form, or percent-encoded: the signer changed the
    // field it built, not the whole string.
    for pair in pairs {
      for transform in [TextTransform.nfc, .nfd, .percentEncoded] {
        let value = pair.value.replacingAll("%26", with: "&")
        let changed = transform.apply(to: value)
        guard !changed.hasSameScalars(as: value) else { continue }
        let signed = StringToSign.pair(pair.key, changed, version: .v2)
        let summary = "signed \(VisibleText(signed).text), \(pair.key) alone \(transform.description)"
        add(summary, [note(pair, signed)]) { respelled($0, [(pair.key, signed)]) }
      }
    }

    // The whole string encoded, escaped or normalised.
    for (transform, summary) in transforms {
      let notes = pairs.compactMap { pair -> EvidenceNote? in
        let changed = transform.apply(to: pair.value)
        return changed.hasSameScalars(as: pair.value) ? nil : note(pair, transform.apply(to: pair.text))
      }
      add(summary, notes) { candidate in
        guard candidate.transform == nil else { return nil }
        var changed = candidate
        changed.transform = transform
        return changed.text.hasSameScalars(as: candidate.text) ? nil : changed
      }
    }

    // Each value the client showed in another spelling, as it showed it.
    for (server, client, _) in claimed(evidence) {
      guard let value = client.value else { continue }
      let signed = StringToSign.pair(server.key, value, version: .v2)
      add("signed \(VisibleText(signed).text) as the client shows it, where the request carried "
        + VisibleText(server.text).text, [note(server, signed)]) { respelled($0, [(server.key, signed)]) }
    }
    return plans
  }
}

// MARK: - What differs

private extension EncodingMismatchRule {
  /// The differing values this rule explains.
  static func claimed(
    _ evidence: Evidence
  ) -> [(server: SignedPair, client: ClientPair, difference: ValueDifference)] {
    evidence.differingValues.filter { $0.server.key != "timestamp" && $0.difference.isEncoding }
  }

  /// The kind of difference, named after what each side did, as a clause.
  static func kind(of difference: ValueDifference, server: String, client: String) -> String {
    switch difference {
    case .urlEncoding:
      return urlEncoding(server: server, client: client)
    case .htmlEntities:
      return isHTMLEscaped(client)
        ? "the client signed it with HTML entities, the request carried it plain"
        : "the request carried it with HTML entities, the client signed it plain"
    case .unicodeNormalization:
      return "one text in two Unicode forms, signed in \(form(of: client)) and sent in \(form(of: server))"
    case .ampersandEscaping:
      return client.contains("%26")
        ? "the client wrote & as %26 (signature version 2), the server's string has it as & (version 1)"
        : "the client wrote & as it is (signature version 1), the server's string has %26 (version 2)"
    case .booleanSpelling:
      return "one boolean, spelt two ways" + (writers(of: client).map { "; \($0)" } ?? "")
    case .numberSpelling:
      return "one number, written two ways"
    default:
      return "the same value, written two ways"
    }
  }

  static func urlEncoding(server: String, client: String) -> String {
    let decodedClient = PercentEncoding.decode(client, plusIsSpace: true) ?? client
    let decodedServer = PercentEncoding.decode(server, plusIsSpace: true) ?? server
    func how(_ encoded: String, _ decoded: String) -> String {
      encoded.contains("+") && decoded.contains(" ") ? "form-encoded, with + for spaces" : "percent-encoded"
    }
    if !decodedClient.hasSameScalars(as: client), decodedServer.hasSameScalars(as: server) {
      return "the client signed it \(how(client, decodedClient)), the request carried it decoded"
    }
    if !decodedServer.hasSameScalars(as: server), decodedClient.hasSameScalars(as: client) {
      return "the request carried it \(how(server, decodedServer)), the client signed it decoded"
    }
    return "both sides URL-encode it, in different ways"
  }

  static func isHTMLEscaped(_ text: String) -> Bool {
    !ValueDifference.htmlUnescaped(text).hasSameScalars(as: text)
  }

  /// The Unicode form a text is in.
  static func form(of text: String) -> String {
    if TextTransform.nfc.apply(to: text).hasSameScalars(as: text) { return "NFC (composed)" }
    if TextTransform.nfd.apply(to: text).hasSameScalars(as: text) { return "NFD (decomposed)" }
    return "a mix of forms"
  }

  /// Who writes a boolean this way, from SIGNING.md's dialect matrix, as a clause.
  static func writers(of spelling: String) -> String? {
    switch spelling {
    case "1", "0": "PHP and the SDKs' upload calls write booleans as 1 and 0"
    case "True", "False": "raw .NET and Python booleans print as True and False"
    case "true", "false": "Node, Ruby, Java, Go and the Upload Widget write booleans as true and false"
    case "": "PHP 1.x writes false as an empty value"
    default: nil
    }
  }
}

// MARK: - Spellings

private extension EncodingMismatchRule {
  /// A boolean spelling a signer may write, or `nil` for a false one left out.
  typealias Spelling = String?

  static let trueSpellings = ["true", "1", "True"]
  static let falseSpellings = ["false", "0", "False", ""]

  /// How whole signers write booleans: the spelling of true, of false, and who does it.
  static let dialects: [(true: String, false: Spelling, summary: String)] = [
    ("1", "0", "wrote every boolean as 1 or 0, as PHP and the SDKs' upload calls do"),
    ("True", "False", "wrote every boolean as True or False, as raw .NET and Python booleans print"),
    ("true", "false", "wrote every boolean as true or false, as Node, Ruby, Java, Go and the Upload Widget do"),
    ("1", nil, "wrote true as 1 and left out false, as PHP 2 does"),
    ("true", nil, "wrote true as true and left out false, as pycloudinary's api_sign_request does"),
    ("1", "", "wrote true as 1 and false as an empty value, as PHP 1.x does"),
  ]

  /// The whole string passed through a transform, with how each reads as a mistake.
  static let transforms: [(TextTransform, String)] = [
    (.percentEncoded, "percent-encoded the whole string to sign, as encodeURIComponent does"),
    (.formEncoded, "form-encoded the whole string to sign, with + for spaces"),
    (.percentDecoded, "percent-decoded the string to sign before signing it"),
    (.htmlEscaped, "signed the string with HTML entities (&amp; for &)"),
    (.nfc, "composed the string to Unicode NFC"),
    (.nfd, "decomposed the string to Unicode NFD"),
  ]

  /// Every value passed through a change, with how each reads as a mistake.
  static let valueChanges: [(String, @Sendable (String) -> String)] = [
    ("percent-encoded each value, as encodeURIComponent does", {
      TextTransform.percentEncoded.apply(to: $0.replacingAll("%26", with: "&"))
    }),
    ("form-encoded each value, with + for spaces, as a query-string builder does", {
      TextTransform.formEncoded.apply(to: $0.replacingAll("%26", with: "&"))
    }),
    ("wrote & inside values as it is (signature version 1) where the server's string has %26", {
      $0.replacingAll("%26", with: "&")
    }),
    ("wrote & inside values as %26 (signature version 2) where the server's string has &", {
      $0.replacingAll("&", with: "%26")
    }),
  ]

  static func isTrue(_ value: String) -> Bool {
    trueSpellings.contains(value) || value == "TRUE"
  }

  /// The other spellings of a boolean-looking value, a false one left out included.
  static func respellings(of value: String) -> [Spelling] {
    if isTrue(value) { return trueSpellings.filter { $0 != value } }
    guard !value.isEmpty, falseSpellings.contains(value) || value == "FALSE" else { return [] }
    return falseSpellings.filter { $0 != value } + [nil]
  }

  /// A decimal number written with a zero fraction if it has none, and without if it has.
  static func respelledNumber(_ value: String) -> String? {
    let parts = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let digits = parts[0].drop { $0 == "-" }
    guard parts[0].utf8.count - digits.utf8.count <= 1, !digits.isEmpty,
      digits.utf8.allSatisfy({ (0x30...0x39).contains($0) })
    else { return nil }
    guard parts.count == 2 else { return value + ".0" }
    return !parts[1].isEmpty && parts[1].allSatisfy { $0 == "0" } ? String(parts[0]) : nil
  }

  /// The candidate with each key's pair replaced by the one given, or left out for `nil`;
  /// `nil` when the candidate lacks one of the keys.
  static func respelled(_ candidate: Candidate, _ changes: [(String, Spelling)]) -> Candidate? {
    var result = candidate
    for (key, pair) in changes {
      guard let index = result.pairs.firstIndex(where: { Candidate.pair($0, hasKey: key) }) else {
        return nil
      }
      if let pair { result.pairs[index] = pair } else { result.pairs.remove(at: index) }
    }
    return result
  }
}
