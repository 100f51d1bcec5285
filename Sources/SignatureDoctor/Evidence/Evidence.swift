/// Everything the rules look at: what was pasted, what the client signed, the secrets and
/// the clock, with the views rules share already worked out.
public struct Evidence: Sendable {
  /// The pasted error text.
  public let errorSource: SourceText
  /// The Cloudinary errors found in it, in order.
  public let reports: [ServerReport]
  /// The `--params` input, when given.
  public let paramsSource: SourceText?
  /// What the client says it signed.
  public let client: ClientEvidence?
  /// The secrets to verify with.
  public let secrets: [Secret]
  /// The API key from the environment, which is no secret.
  public let apiKey: String?
  /// The cloud name from the environment.
  public let cloudName: String?
  /// The time to judge timestamps against, from `--now`. sigdoc never reads the clock
  /// itself, so that the same input always gives the same output.
  public let now: Int?

  /// The first invalid-signature report, which most rules diagnose.
  public let signatureReport: ServerReport?
  /// The pairs of the server's string to sign.
  public let serverPairs: [SignedPair]
  /// The signature the client sent.
  public let sentSignature: SentSignature?
  /// The client's pairs under the reference signer, in the client's order.
  public let clientPairs: [ClientPair]
  /// The server's pairs lined up with the client's.
  public let alignment: PairAlignment
  /// The index of the last server pair and of the last client pair with each key, by
  /// bytes, so that a lookup does not walk thousands of pairs.
  private let serverIndex: [ExactText: Int]
  private let clientIndex: [ExactText: Int]

  /// Gathers the evidence and works out the shared views.
  public init(
    errorSource: SourceText,
    reports: [ServerReport],
    paramsSource: SourceText? = nil,
    client: ClientEvidence? = nil,
    credentials: Credentials = Credentials(),
    now: Int? = nil
  ) {
    self.errorSource = errorSource
    self.reports = reports
    self.paramsSource = paramsSource
    self.client = client
    self.secrets = credentials.secrets
    self.apiKey = credentials.apiKey
    self.cloudName = credentials.cloudName
    self.now = now

    let report = reports.first { $0.kind == .invalidSignature }
    signatureReport = report
    serverPairs = report?.stringToSign.map { SignedPair.pairs(in: $0.text) } ?? []
    sentSignature = report?.signature.map { SentSignature($0.text) }
    clientPairs = client.map(ClientPair.pairs(of:)) ?? []
    serverIndex = Self.lastIndices(of: serverPairs.map(\.key))
    clientIndex = Self.lastIndices(of: clientPairs.map(\.key))
    alignment = PairAlignment(server: serverPairs, client: clientPairs, clientIndex: clientIndex)
  }

  /// Where each key last stands among `keys`.
  static func lastIndices(of keys: [String]) -> [ExactText: Int] {
    var indices: [ExactText: Int] = [:]
    indices.reserveCapacity(keys.count)
    for (index, key) in keys.enumerated() { indices[ExactText(key)] = index }
    return indices
  }

  /// The server's string to sign, decoded.
  public var serverString: String? { signatureReport?.stringToSign?.text }

  /// The server's last pair for `key`, compared by bytes.
  public func serverPair(_ key: String) -> SignedPair? {
    serverIndex[ExactText(key)].map { serverPairs[$0] }
  }

  /// The server's value for `key`.
  public func serverValue(_ key: String) -> String? {
    serverPair(key)?.value
  }

  /// The client's last pair for `key`, compared by bytes.
  public func clientPair(_ key: String) -> ClientPair? {
    clientIndex[ExactText(key)].map { clientPairs[$0] }
  }

  /// Where a pair of the server's string sits in the pasted text.
  public func location(ofServerPair pair: SignedPair) -> EvidenceLocation? {
    guard let mapped = signatureReport?.stringToSign else { return nil }
    return EvidenceLocation(input: .error, span: mapped.inputSpan(of: pair.range))
  }
}

/// A place in one of the inputs.
public struct EvidenceLocation: Hashable, Sendable {
  /// Which input.
  public enum Input: String, Hashable, Sendable {
    /// The pasted error text.
    case error
    /// The `--params` input.
    case params
  }

  public let input: Input
  /// The input's bytes.
  public let span: Range<Int>

  public init(input: Input, span: Range<Int>) {
    self.input = input
    self.span = span
  }
}
