/// What the null-value and empty-value rules share: a value the request carried that the
/// signer left out, or one the signer wrote that the request lacks. Neither rule judges the
/// timestamp (the timestamp rules' key) or the keys the server excludes
/// (excluded-key-signed's).
enum OneSidedValue {
  /// Whether the null-value and empty-value rules judge `key`.
  static func isClaimable(_ key: String) -> Bool {
    key != "timestamp" && !SigningOptions.isExcluded(key)
  }

  /// The server's pairs `matches` picks, where the client, if given, left the key out or
  /// had no value for it.
  static func receivedPairs(in evidence: Evidence, where matches: (SignedPair) -> Bool) -> [SignedPair] {
    evidence.serverPairs.filter { pair in
      isClaimable(pair.key) && matches(pair) && evidence.clientPair(pair.key)?.value == nil
    }
  }

  /// The client's pairs `matches` picks whose key the server's string lacks; all it picks
  /// when there is no server string to compare with.
  static func signedPairs(in evidence: Evidence, where matches: (ClientPair) -> Bool) -> [ClientPair] {
    let hasServerString = evidence.serverString != nil
    return evidence.clientPairs.filter { pair in
      isClaimable(pair.key) && (!hasServerString || evidence.serverLacks(pair.key)) && matches(pair)
    }
  }

  /// A note on each received pair and on what the client had for its key.
  ///
  /// - Parameters:
  ///   - received: the note on a server pair.
  ///   - kind: what the client's value for the key is, such as `null` or `empty`.
  static func notes(
    on pairs: [SignedPair],
    evidence: Evidence,
    received: (SignedPair) -> String,
    kind: (ClientPair) -> String
  ) -> [EvidenceNote] {
    var notes: [EvidenceNote] = []
    for pair in pairs {
      notes.append(EvidenceNote(received(pair), at: evidence.location(ofServerPair: pair)))
      guard evidence.hasClient else { continue }
      if let client = evidence.clientPair(pair.key) {
        notes.append(EvidenceNote("The client's \(pair.key) is \(kind(client)), which the signer leaves out.",
                                  at: evidence.location(ofClientPair: client)))
      } else {
        notes.append(EvidenceNote("The client did not sign \(pair.key) at all."))
      }
    }
    return notes
  }

  /// Edits leaving out each of the server's `pairs`, and all of them at once when there are
  /// several; each summary is "left out" + the pairs `shown` + `reason`.
  static func leavingOut(
    _ pairs: [SignedPair],
    rule: String,
    shown: (SignedPair) -> String,
    reason: String
  ) -> [Edit] {
    var groups = pairs.map { [$0] }
    if pairs.count > 1 { groups.append(pairs) }
    return groups.map { group in
      let keys = group.map(\.key)
      return Edit(rule: rule, summary: "left out " + VerifiedHypothesis.listing(group.map(shown)) + reason) {
        candidate in keys.allSatisfy(candidate.has) ? keys.reduce(candidate) { $0.removing($1) } : nil
      }
    }
  }

  /// An edit adding `pair` for `key` where the candidate has no pair for the key.
  static func adding(_ pair: String, for key: String, rule: String, summary: String) -> Edit {
    Edit(rule: rule, summary: summary) { $0.has(key) ? nil : $0.adding(pair) }
  }
}
