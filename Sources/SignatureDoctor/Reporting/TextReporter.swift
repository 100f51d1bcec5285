/// The report for people: the bottom line first, in one sentence; then each finding with
/// its evidence, its proof and its fix; then the server's string and the client's, pair by
/// pair, with the differences marked and a byte view where two values look alike.
public struct TextReporter: Reporter {
  public static let identifier = "text"

  public init() {}

  public func report(_ diagnosis: Diagnosis) -> StyledText {
    var text = StyledText()
    text.append(TextWrap.wrap(bottomLine(diagnosis), indent: ""), .strong)
    text.append("\n")
    // One proof can verify several findings (two mistakes at once); it is shown in full once.
    var shownProofs: [Proof: Int] = [:]
    for (index, finding) in diagnosis.findings.enumerated() {
      text.append("\n")
      let earlier = finding.proof.flatMap { shownProofs[$0] }
      text.append(render(finding, number: index + 1, proofShownIn: earlier, in: diagnosis))
      if let proof = finding.proof, earlier == nil { shownProofs[proof] = index + 1 }
    }
    if let comparison = comparison(diagnosis) {
      text.append("\n")
      text.append(comparison)
    }
    return text
  }

  /// The first line: what is most likely wrong, and whether it is proven.
  func bottomLine(_ diagnosis: Diagnosis) -> String {
    guard let top = diagnosis.topFinding else {
      if diagnosis.evidence.reports.contains(where: { $0.kind == .invalidSignature }) {
        return "sigdoc found no cause in what was given; add the client's parameters (--params) or "
          + "the secret (--secret-env, --secret-file) to narrow it down."
      }
      return "sigdoc found nothing amiss in what was given."
    }
    guard let proof = top.proof else { return top.summary }
    return top.summary
      + " (Verified: this reproduces the signature sent, with the secret from \(proof.secretLabel).)"
  }
}

// MARK: - Findings

private extension TextReporter {
  func render(
    _ finding: Finding,
    number: Int,
    proofShownIn earlier: Int?,
    in diagnosis: Diagnosis
  ) -> StyledText {
    var text = StyledText("\(number). ")
    text.append(finding.rule.slug, .rule)
    text.append(" (\(finding.rule.code)) ", .faint)
    if finding.isVerified {
      text.append("verified", .good)
    } else {
      text.append("confidence \(JSONValue.fixed(finding.confidence, decimals: 2).compact)", .faint)
    }
    text.append("\n   " + TextWrap.wrap(finding.rule.title, first: "   ", indent: "   ") + "\n", .strong)
    // NB: the first finding's summary is the report's bottom line, just above; and a
    // verified finding's summary is often its proof's sentence, which it also keeps as
    // evidence for the JSON document. People need to read each once.
    if number > 1 || !bottomLine(diagnosis).hasPrefix(finding.summary) {
      text.append("   " + TextWrap.wrap(finding.summary, first: "   ", indent: "   ") + "\n")
    }
    for note in finding.evidence where note.text != finding.summary {
      text.append("   - ")
      var lead = "   - "
      if let location = note.location {
        let place = diagnosis.describe(location) + ": "
        text.append(place, .faint)
        lead += place
      }
      text.append(TextWrap.wrap(note.text, first: lead, indent: "     ") + "\n")
    }
    if let earlier {
      text.append("   Proof: ", .good)
      text.append("the one shown for \(earlier), which reproduces this mistake too.\n")
    } else if let proof = finding.proof {
      text.append("   Proof: ", .good)
      text.append(TextWrap.wrap(proof.recipe, first: "   Proof: ", indent: "     ") + "\n")
      text.append("     " + VisibleText(proof.digestedText).text + "\n", .faint)
      let tried = "\(proof.candidatesTried) candidate\(proof.candidatesTried == 1 ? "" : "s") tried"
      let gives = "gives \(proof.signature), the signature the client sent (\(tried))"
      text.append("     " + TextWrap.wrap(gives, first: "     ", indent: "     ") + "\n")
    }
    text.append("   Fix: ", .strong)
    text.append(TextWrap.wrap(finding.fix, first: "   Fix: ", indent: "     ") + "\n")
    return text
  }
}

// MARK: - Comparison

private extension TextReporter {
  /// One line of the comparison: a mark, the server's side, the client's side.
  struct Line {
    let mark: String
    let server: String
    let client: String
    let bytes: (server: String, client: String)?
  }

  func comparison(_ diagnosis: Diagnosis) -> StyledText? {
    let evidence = diagnosis.evidence
    guard !evidence.serverPairs.isEmpty else { return nil }
    let clientSide: [ClientPair]
    let heading: String
    if let proof = diagnosis.topFinding?.proof, diagnosis.topFinding?.isVerified == true,
      !proof.digestedText.hasPrefix("{secret}")
    {
      let signed = proof.digestedText.replacingAll("{secret}", with: "")
      clientSide = SignedPair.pairs(in: signed).map {
        ClientPair(key: $0.key, value: $0.value, parameter: nil, span: nil)
      }
      heading = "The server's string and the string the client signed (proven), pair by pair:"
    } else if evidence.hasClient {
      clientSide = evidence.clientPairs
      heading = "The server's string and the client's, pair by pair:"
    } else {
      var text = StyledText("The server's string to sign, pair by pair:\n", .strong)
      for pair in evidence.serverPairs { text.append("    " + VisibleText(pair.text).text + "\n") }
      return text
    }
    let lines = PairAlignment(server: evidence.serverPairs, client: clientSide).rows.map(line)
    let width = min(44, lines.map { $0.server.count }.max() ?? 0)
    var text = StyledText(heading + "\n", .strong)
    text.append("      " + "server".padding(to: width) + "  client\n", .faint)
    for line in lines {
      let style: StyledText.Style = line.mark == "=" ? .plain : .bad
      text.append("  \(line.mark)   ", style)
      text.append(line.server.padding(to: width) + "  " + line.client + "\n", style)
      if let bytes = line.bytes {
        text.append("      bytes: server " + bytes.server + "\n", .faint)
        text.append("             client " + bytes.client + "\n", .faint)
      }
    }
    text.append(
      "  (= same, ≠ different value, - not signed by the client, + signed but not received)\n",
      .faint
    )
    return text
  }

  func line(_ row: PairAlignment.Row) -> Line {
    switch row {
    case .same(let server, _):
      let shown = VisibleText(server.text).text
      return Line(mark: "=", server: shown, client: shown, bytes: nil)
    case .differs(let server, let client):
      let shownServer = VisibleText(server.text).text
      let shownClient = client.text.map { VisibleText($0).text }
        ?? "(left out: \(client.key) is empty or null)"
      let difference = client.value.map { ValueDifference(server: server.value, client: $0) }
      let alike = difference.map(Self.looksAlike) ?? false
      let bytes = alike ? (Self.hex(server.value), Self.hex(client.value ?? "")) : nil
      return Line(mark: "≠", server: shownServer, client: shownClient, bytes: bytes)
    case .serverOnly(let server):
      return Line(mark: "-", server: VisibleText(server.text).text, client: "(not signed)", bytes: nil)
    case .clientOnly(let client):
      let shown = client.text.map { VisibleText($0).text } ?? "\(client.key) (left out by the signer)"
      return Line(mark: "+", server: "(not received)", client: shown, bytes: nil)
    }
  }

  static func looksAlike(_ difference: ValueDifference) -> Bool {
    switch difference {
    case .unicodeNormalization, .invisibleCharacters, .whitespace, .letterCase: true
    default: false
    }
  }

  static func hex(_ text: String) -> String {
    text.utf8.map { byte in
      let digits = Digest(bytes: [byte]).hex
      return digits
    }.joined(separator: " ")
  }
}

extension String {
  /// The string padded with spaces to `width` characters, or cut with `…` if longer.
  func padding(to width: Int) -> String {
    if count > width { return String(prefix(max(0, width - 1))) + "…" }
    return self + String(repeating: " ", count: width - count)
  }
}
