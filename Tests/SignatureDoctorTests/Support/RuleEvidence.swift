@testable import SignatureDoctor

/// Evidence for calling one rule directly, for what the rule examples cannot express: a
/// string to sign the client logged rather than JSON parameters.
enum RuleEvidence {
  /// The evidence of an invalid-signature error whose server string is `server`, with the
  /// client's side as a logged string to sign or as JSON parameters, if given.
  static func make(server: String, logged: String? = nil, json: String? = nil) throws -> Evidence {
    let error = SourceText(
      name: "error.txt",
      text: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - '\(server)'.")
    let reports = try ServerErrorReader.reports(in: error)
    if let logged {
      let source = SourceText(name: "params.txt", text: logged)
      let client = ClientEvidence(format: .stringToSign, loggedStringToSign: MappedText(verbatim: logged, at: 0))
      return Evidence(errorSource: error, reports: reports, paramsSource: source, client: client)
    }
    if let json {
      let source = SourceText(name: "params.txt", text: json)
      let client = ClientEvidence(format: .json, parameters: try ParameterDocument.parameters(fromJSON: source))
      return Evidence(errorSource: error, reports: reports, paramsSource: source, client: client)
    }
    return Evidence(errorSource: error, reports: reports)
  }

  /// The texts the rule's single mistakes make of the server's string, in order, without
  /// the mistakes that do not apply.
  static func candidates(of rule: some Rule, in evidence: Evidence) -> [String] {
    let base = Candidate(server: evidence.serverPairs)
    return rule.edits(evidence).compactMap { $0.apply(base)?.text }
  }
}
