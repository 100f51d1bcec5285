// Lookups the rules share.

extension Evidence {
  /// Where the client's pair sits in the `--params` input.
  public func location(ofClientPair pair: ClientPair) -> EvidenceLocation? {
    pair.span.map { EvidenceLocation(input: .params, span: $0) }
  }

  /// Where a report sits in the pasted text.
  public func location(of report: ServerReport) -> EvidenceLocation {
    EvidenceLocation(input: .error, span: report.span)
  }

  /// Where the sent signature sits in the pasted text.
  public var sentSignatureLocation: EvidenceLocation? {
    guard let mapped = signatureReport?.signature else { return nil }
    return EvidenceLocation(input: .error, span: mapped.inputSpan(of: 0..<mapped.text.utf8.count))
  }

  /// Whether the client said what it signed, as parameters or as a string.
  public var hasClient: Bool { client != nil }

  /// The rows where both sides have the key but the values differ, with how they differ.
  public var differingValues: [(server: SignedPair, client: ClientPair, difference: ValueDifference)] {
    alignment.rows.compactMap { row in
      guard case .differs(let server, let client) = row else { return nil }
      return (server, client, ValueDifference(server: server.value, client: client.value))
    }
  }

  /// The server's pairs the client does not have.
  public var serverOnlyPairs: [SignedPair] {
    alignment.rows.compactMap { row in
      if case .serverOnly(let pair) = row { pair } else { nil }
    }
  }

  /// The client's pairs the server does not have.
  public var clientOnlyPairs: [ClientPair] {
    alignment.rows.compactMap { row in
      if case .clientOnly(let pair) = row { pair } else { nil }
    }
  }
}
