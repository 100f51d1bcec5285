/// The `timestamp` the request carried and the one the client signed, each read: what the
/// timestamp rules share.
struct Timestamps {
  /// The server's pair and its value.
  let sent: (pair: SignedPair, value: TimestampValue)?
  /// The client's pair and its value, when the reference signer writes one.
  let signed: (pair: ClientPair, value: TimestampValue)?

  /// Reads both from the evidence.
  init(_ evidence: Evidence) {
    sent = evidence.serverPair("timestamp").map { ($0, TimestampValue($0.value)) }
    signed = evidence.clientPair("timestamp").flatMap { pair in
      pair.value.map { (pair, TimestampValue($0)) }
    }
  }

  /// Notes pointing at the timestamp sent and the one signed, where there are such, each value
  /// followed by `detail` of it (", a number in scientific notation").
  func notes(in evidence: Evidence, detail: (TimestampValue) -> String = { _ in "" }) -> [EvidenceNote] {
    [sentNote(in: evidence, detail: detail), signedNote(in: evidence, detail: detail)].compactMap { $0 }
  }

  /// "The request carried timestamp=…", at the server's pair.
  func sentNote(in evidence: Evidence, detail: (TimestampValue) -> String = { _ in "" }) -> EvidenceNote? {
    sent.map { sent in
      let text = VisibleText(sent.value.text).text + detail(sent.value)
      let location = evidence.location(ofServerPair: sent.pair)
      return EvidenceNote("The request carried timestamp=\(text).", at: location)
    }
  }

  /// "The client signed timestamp=…", at the client's parameter.
  func signedNote(in evidence: Evidence, detail: (TimestampValue) -> String = { _ in "" }) -> EvidenceNote? {
    signed.map { signed in
      let text = VisibleText(signed.value.text).text + detail(signed.value)
      let location = evidence.location(ofClientPair: signed.pair)
      return EvidenceNote("The client signed timestamp=\(text).", at: location)
    }
  }

  /// Where a value of the kind `isOdd` picks out stands, when the two sides do not agree.
  enum Oddity {
    /// In the request.
    case sent(TimestampValue)
    /// In what the client signed, while the request carried seconds (or no string was pasted).
    case signed(TimestampValue, sentSeconds: Int?)
  }

  /// The timestamp sent, if `isOdd` picks it out; else the one signed, if the request carried
  /// seconds or the paste has no string to sign; `nil` when the two sides agree.
  func oddity(_ isOdd: (TimestampValue) -> Bool) -> Oddity? {
    guard !agree else { return nil }
    if let sent, isOdd(sent.value) { return .sent(sent.value) }
    guard let signed, isOdd(signed.value) else { return nil }
    guard let sent else { return .signed(signed.value, sentSeconds: nil) }
    return sent.value.seconds.map { .signed(signed.value, sentSeconds: $0) }
  }

  /// Whether the client signed the very text the request carried.
  var agree: Bool {
    guard let sent, let signed else { return false }
    return sent.value.text == signed.value.text
  }
}

// MARK: - Verified findings

extension Rule {
  /// The finding for a verified timestamp hypothesis: the rule's own finding from the paste
  /// with the proof added, or, when the paste alone showed nothing, the proof and the
  /// timestamp the request carried.
  func verifiedTimestampFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    let found = evaluate(evidence).first
    let sent = Timestamps(evidence).sentNote(in: evidence)
    return Self.finding(
      confidence: 1,
      summary: found?.summary ?? proof.sentence,
      evidence: (found?.evidence ?? [sent].compactMap { $0 }) + [EvidenceNote(proof.sentence)],
      fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }
}
