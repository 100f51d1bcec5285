/// Looks for structures where Cloudinary expects text: a server value that is a structure
/// written as text (a Ruby hash, `[object Object]`, `Array`, a Python dict), and client
/// parameters that are a wrapper (`data[folder]`, `0`, a key holding a map or a list of
/// maps). Its hypotheses are the wrappers signers write (`data=[object Object]`, a dict's or
/// hash's inspection, PHP's `0=`), a string spread by Node's signer, and, where the server
/// shows a Ruby hash, the flat value a PHP signer gives. It leaves the `timestamp` key to
/// the timestamp rules, and nulls, empty values and spellings to their rules.
struct NestedDataRule: Rule {
  static let description = RuleDescription(
    slug: "nested-data",
    code: "SD005",
    title: "A wrapper or a structure was signed or sent instead of plain parameters",
    explanation: RuleExplanation(
      whatHappened: """
        A list or a map went where Cloudinary expects a plain value. Either it reached one \
        parameter of the request (an options array passed in the public ID's place, a record \
        instead of its ID), and the server wrote it as text: `{"0"=>"60", …}`, \
        `[object Object]`, `Array`. Or the signer was handed the parameters inside a wrapper \
        (`{data: params_to_sign}` as the Upload Widget's sample posts them, `data[folder]` form \
        fields, an array inside an array, a ready-made string instead of an object) and signed \
        the wrapper rather than the parameters.
        """,
      whyRefused: """
        The server signs each parameter it receives as `key=value`. A wrapper signed as one \
        parameter (`data=[object Object]`, `data={'folder': …}`, `0=…`), or a structure the \
        signer wrote one way and the server another, gives another string to sign, so the \
        digests differ.
        """,
      howToFix: """
        Sign the flat parameters themselves. Unwrap what your endpoint receives \
        (`req.body.data`, `params[:data]`, `$_POST['data']`) before signing, pass the signer \
        an object rather than a string you built, and give each parameter a string, number or \
        boolean. Where a structure reached a parameter, fix the call that passed it: check the \
        argument order of the upload or destroy call, and pass an ID, not the record holding it.
        """,
      sdkNotes: [
        ("Node", "`api_sign_request(req.body.data, secret)` when the page posts `{data: params_to_sign}`; "
          + "a string passed in an object's place is signed character by character (`0=f&1=o…`)."),
        ("Python", "`api_sign_request(request.json[\"data\"], secret)`; a dict value is signed as its "
          + "`str()`."),
        ("Ruby", "sign `params[:data]`, not `params`; a Hash value is signed as its `inspect`."),
        ("PHP", "sign `$request['data']`; PHP 1.x signs `array($params)` as `0=` with the values joined "
          + "by commas, and a nested array as `Array`."),
        ("Laravel wrappers", "an options array passed where the public ID goes reaches `public_id` as a "
          + "hash; pass `null` for the public ID and the options after it."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature {{sign:data={'timestamp': 1685544025, 'folder': 'a'}}}. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        params: #"{↓"data": {"timestamp": 1685544025, "folder": "a"}}"#,
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: #"Invalid Signature {{sign:public_id=60,kjusjhapqdhssjqhhu6c&timestamp=1528755130}}. "#
          + #"String to sign - '↓public_id={"0"=>"60", "1"=>"kjusjhapqdhssjqhhu6c"}&timestamp=1528755130'."#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature {{sign:data=[object Object]}}. String to sign - "
          + "'folder=avatars&source=uw&timestamp=1685544025'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1685544025'.",
        params: #"{↓"data": {"folder": "avatars", "timestamp": 1685544025}}"#),
      RuleExample(
        error: "Invalid Signature {{sign:0=t&1=i&10=1&11=6&12=8&13=5&14=5&15=4&16=4&17=0&18=2&19=5&2=m&3=e&4=s"
          + "&5=t&6=a&7=m&8=p&9==}}. String to sign - 'timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=avatars&timestamp=1685544025'.",
        params: #"{↓"data[folder]": "avatars", ↓"data[timestamp]": "1685544025"}"#,
        excludeFromDocs: true),
      RuleExample(
        error: #"Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "#
          + #"'↓public_id={"id"=>"kjusjhapqdhssjqhhu6c"}&timestamp=1685544025'."#,
        params: #"{↓"public_id": {"id": "kjusjhapqdhssjqhhu6c"}, "timestamp": 1685544025}"#,
        excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'eager=w_400&timestamp=1685544025'.",
        params: #"{↓"eager": [{"width": 400}], "timestamp": 1685544025}"#, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'tags=Arrays,objects&timestamp=1685544025'.",
        params: #"{"tags": ["Arrays", "objects"], "timestamp": 1685544025}"#),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'public_id={draft}&timestamp=1685544025'."),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let sent = sentStructures(evidence)
    let covered = Set(sent.map(\.key))
    let findings = [structureFinding(sent, evidence: evidence), wrapperFinding(evidence, skipping: covered)]
    return findings.compactMap { $0 }
  }

  func edits(_ evidence: Evidence) -> [Edit] {
    guard !evidence.serverPairs.isEmpty else { return [] }
    var edits = Wrapper.allCases.map { wrapper in
      Edit(rule: Self.slug, summary: wrapper.summary) { candidate in
        guard candidate.transform == nil, !candidate.pairs.isEmpty else { return nil }
        let ordered = candidate.keepsOrder
          ? candidate.pairs : candidate.pairs.sorted(by: StringToSign.precedes)
        return Candidate(pairs: [wrapper.pair(wrapping: ordered)], keepsOrder: true)
      }
    }
    // A dict, a hash or a PHP array keeps the order its keys were given in.
    var clientOrder: [String: Int] = [:]
    for (index, pair) in evidence.clientPairs.enumerated() where clientOrder[pair.key] == nil {
      clientOrder[pair.key] = index
    }
    for wrapper in Wrapper.allCases where wrapper.keepsKeyOrder && !clientOrder.isEmpty {
      let summary = wrapper.summary + ", its keys in the order the client gave them"
      let unknown = clientOrder.count
      edits.append(Edit(rule: Self.slug, summary: summary) { [clientOrder] candidate in
        guard candidate.transform == nil, !candidate.pairs.isEmpty else { return nil }
        let ranked = candidate.pairs.enumerated().map { offset, pair in
          (rank: clientOrder[Self.key(of: pair)] ?? unknown, offset: offset, pair: pair)
        }
        let ordered = ranked.sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.pair)
        return Candidate(pairs: [wrapper.pair(wrapping: ordered)], keepsOrder: true)
      })
    }
    let spreadSummary = "passed its string to sign to Node's api_sign_request, which signs each character "
      + "as a parameter of its own (0=…&1=…)"
    edits.append(Edit(rule: Self.slug, summary: spreadSummary) { candidate in
      guard candidate.transform == nil, !candidate.pairs.isEmpty else { return nil }
      var spread = candidate
      spread.transform = .nodeCharacterSpread
      return spread
    })
    for pair in sentStructures(evidence) {
      guard let values = RubyHashReader.flatValues(of: pair.value) else { continue }
      let flat = values.joined(separator: ",")
      let summary = "signed \(pair.key)=\(VisibleText.clipped(flat)), the structure's values joined with "
        + "commas, where the request carried the structure itself"
      edits.append(Edit(rule: Self.slug, summary: summary) { $0.replacing(pair.key, with: flat) })
    }
    return edits
  }
}

private extension NestedDataRule {
  static func key(of pair: String) -> String {
    String(pair.prefix { $0 != "=" })
  }

  /// The server's pairs whose value is a structure written as text.
  func sentStructures(_ evidence: Evidence) -> [SignedPair] {
    evidence.serverPairs.filter { $0.key != "timestamp" && ValueDifference.isNested($0.value) }
  }

  func structureFinding(_ pairs: [SignedPair], evidence: Evidence) -> Finding? {
    guard !pairs.isEmpty else { return nil }
    var notes: [EvidenceNote] = []
    for pair in pairs {
      notes.append(EvidenceNote("The server received \(pair.key)=\(VisibleText.clipped(pair.value)), a "
        + "structure written as text.", at: evidence.location(ofServerPair: pair)))
      if let client = evidence.clientPair(pair.key), let kind = Self.structureKind(of: client) {
        notes.append(EvidenceNote("The client's \(pair.key) is \(kind).",
                                  at: evidence.location(ofClientPair: client)))
      }
    }
    let keys = VerifiedHypothesis.listing(pairs.map(\.key))
    return Self.finding(
      confidence: 0.95,
      summary: "A list or map reached \(keys), which takes text: the server wrote it as "
        + "\(VisibleText.clipped(pairs[0].value)) and signed that.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }

  /// The client's parameters that are a wrapper or a structure, except keys already noted.
  func wrapperFinding(_ evidence: Evidence, skipping covered: Set<String>) -> Finding? {
    var notes: [EvidenceNote] = []
    var named: [String] = []
    var positions: [ClientPair] = []
    for pair in evidence.clientPairs where !covered.contains(pair.key) {
      let key = VisibleText(pair.key).text
      let location = evidence.location(ofClientPair: pair)
      if !pair.key.isEmpty, pair.key.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
        positions.append(pair)
      } else if let open = pair.key.firstIndex(of: "["), open > pair.key.startIndex, pair.key.hasSuffix("]") {
        named.append(key)
        notes.append(EvidenceNote("The client signed \(key), a field of the wrapper "
          + "'\(VisibleText(String(pair.key[..<open])).text)', not a parameter of its own.", at: location))
      } else if let kind = Self.structureKind(of: pair) {
        named.append(key)
        notes.append(EvidenceNote("The client's \(key) is \(kind).", at: location))
      }
    }
    if let wrapper = evidence.client?.wrapper {
      let key = VisibleText(wrapper.key).text
      named.insert("the object under '\(key)'", at: 0)
      let location = wrapper.span.map { EvidenceLocation(input: .params, span: $0) }
      notes.insert(EvidenceNote("The client's parameters came inside '\(key)'; a signer handed "
        + "that object signs the wrapper, not the parameters.", at: location), at: 0)
    }
    if let first = positions.first {
      let numbers = positions.compactMap { Int($0.key) }
      let range = positions.count > 1
        ? "keys \(numbers.min() ?? 0) to \(numbers.max() ?? 0)" : "the key \(first.key)"
      named.insert(range, at: 0)
      notes.insert(EvidenceNote("The client signed \(range): the positions of a list, or the characters of a "
        + "string, not parameter names.", at: evidence.location(ofClientPair: first)), at: 0)
    }
    guard !notes.isEmpty else { return nil }
    // NB: a wrapper alone is often just how the page posted the parameters to the signer.
    let onlyWrapper = evidence.client?.wrapper != nil && named.count == 1
    return Self.finding(
      confidence: onlyWrapper ? 0.55 : 0.9,
      summary: "The client signed a wrapper or a structure (\(VerifiedHypothesis.listing(named))), not the "
        + "flat parameters the server received.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }

  /// What kind of structure the client's pair holds, or `nil` for a plain value.
  static func structureKind(of pair: ClientPair) -> String? {
    switch pair.parameter?.value {
    case .map: return "a map"
    case .list(let elements) where elements.contains(where: \.isStructured): return "a list of lists or maps"
    case nil:
      guard let value = pair.value, ValueDifference.isNested(value) else { return nil }
      return "\(VisibleText.clipped(value)), a structure written as text"
    default: return nil
    }
  }
}
