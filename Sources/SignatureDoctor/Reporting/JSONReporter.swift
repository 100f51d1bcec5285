/// The stable JSON document (docs/json.md): `schema`, `reports`, `client`, `findings`,
/// `search`, with keys in code-point order.
public struct JSONReporter: Reporter {
  public static let identifier = "json"
  /// The document's versioned name.
  public static let schema = "sigdoc.diagnosis/1"

  public init() {}

  public func report(_ diagnosis: Diagnosis) -> StyledText {
    StyledText(document(diagnosis).pretty)
  }

  /// The document as a value.
  public func document(_ diagnosis: Diagnosis) -> JSONValue {
    let evidence = diagnosis.evidence
    var object: [String: JSONValue] = [
      "schema": .string(Self.schema),
      "reports": .array(evidence.reports.map { $0.json(in: evidence.errorSource) }),
      "findings": .array(diagnosis.findings.map { finding(for: $0, in: diagnosis) }),
    ]
    if let client = evidence.client, let source = evidence.paramsSource {
      object["client"] = client.json(in: source)
    }
    if let search = diagnosis.search {
      object["search"] = .object([
        "secrets": .array(search.secretLabels.map(JSONValue.string)),
        "candidates": .integer(search.candidates),
        "digests": .integer(search.digests),
        "verified": .bool(search.isVerified),
        "matching_secret": search.matchingSecret.map(JSONValue.string) ?? .null,
        "tried": .array(search.tried.map(JSONValue.string)),
        "skipped": .array(search.skipped.map(JSONValue.string)),
        "budget": .integer(search.budget),
      ])
    }
    return .object(object)
  }

  private func finding(for finding: Finding, in diagnosis: Diagnosis) -> JSONValue {
    var object: [String: JSONValue] = [
      "rule": .string(finding.rule.slug),
      "code": .string(finding.rule.code),
      "title": .string(finding.rule.title),
      "confidence": .fixed(finding.confidence, decimals: 2),
      "verified": .bool(finding.isVerified),
      "summary": .string(finding.summary),
      "evidence": .array(finding.evidence.map { note($0, in: diagnosis) }),
      "fix": .string(finding.fix),
    ]
    if let proof = finding.proof {
      object["proof"] = .object([
        "secret": .string(proof.secretLabel),
        "digested": .string(proof.digestedText),
        "recipe": .string(proof.recipe),
        "signature": .string(proof.signature),
        "candidates_tried": .integer(proof.candidatesTried),
      ])
    }
    return .object(object)
  }

  private func note(_ note: EvidenceNote, in diagnosis: Diagnosis) -> JSONValue {
    var object: [String: JSONValue] = ["text": .string(note.text)]
    if let location = note.location {
      let source = diagnosis.source(of: location)
      let start = source.location(ofByte: location.span.lowerBound)
      object["location"] = .object([
        "input": .string(location.input.rawValue),
        "file": .string(source.name),
        "line": .integer(start.line),
        "column": .integer(start.column),
      ])
    }
    return .object(object)
  }
}
