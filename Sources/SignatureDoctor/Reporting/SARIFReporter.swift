/// SARIF 2.1.0, for code-scanning tools: one run, the rules as reporting descriptors, each
/// finding a result with its `rank` and its locations in the input files.
public struct SARIFReporter: Reporter {
  public static let identifier = "sarif"
  /// The version of sigdoc written into the log.
  public static let toolVersion = "0.1.0"

  public init() {}

  public func report(_ diagnosis: Diagnosis) -> StyledText {
    StyledText(log(diagnosis).pretty)
  }

  /// The SARIF log as a value.
  public func log(_ diagnosis: Diagnosis) -> JSONValue {
    let rules = RuleCatalog.descriptions
    let run: JSONValue = .object([
      "tool": .object([
        "driver": .object([
          "name": "sigdoc",
          "version": .string(Self.toolVersion),
          "informationUri": "https://cloudinary.com/documentation/authentication_signatures",
          "rules": .array(rules.map(descriptor)),
        ]),
      ]),
      "columnKind": "unicodeCodePoints",
      "results": .array(diagnosis.findings.map { result(for: $0, rules: rules, in: diagnosis) }),
    ])
    return .object([
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "version": "2.1.0",
      "runs": .array([run]),
    ])
  }
}

private extension SARIFReporter {
  func descriptor(_ rule: RuleDescription) -> JSONValue {
    .object([
      "id": .string(rule.code),
      "name": .string(rule.slug),
      "shortDescription": .object(["text": .string(rule.title)]),
      "fullDescription": .object(["text": .string(rule.explanation.whatHappened)]),
      "help": .object([
        "text": .string(rule.explanation.howToFix),
        "markdown": .string(RuleDocumentation.markdown(for: rule)),
      ]),
      "helpUri": .string("docs/rules/\(rule.slug).md"),
    ])
  }

  func result(for finding: Finding, rules: [RuleDescription], in diagnosis: Diagnosis) -> JSONValue {
    var object: [String: JSONValue] = [
      "ruleId": .string(finding.rule.code),
      "level": .string(finding.isVerified || finding.confidence >= 0.75 ? "error" : "warning"),
      "message": .object(["text": .string(finding.summary + " Fix: " + finding.fix)]),
      "rank": .fixed(finding.confidence * 100, decimals: 1),
      "properties": .object([
        "verified": .bool(finding.isVerified),
        "confidence": .fixed(finding.confidence, decimals: 2),
        "slug": .string(finding.rule.slug),
      ]),
    ]
    if let index = rules.firstIndex(where: { $0.code == finding.rule.code }) {
      object["ruleIndex"] = .integer(index)
    }
    let locations = finding.evidence.compactMap(\.location).map { location(for: $0, in: diagnosis) }
    if !locations.isEmpty { object["locations"] = .array(locations) }
    return .object(object)
  }

  func location(for location: EvidenceLocation, in diagnosis: Diagnosis) -> JSONValue {
    let source = diagnosis.source(of: location)
    let start = source.location(ofByte: location.span.lowerBound)
    let end = source.location(ofByte: max(location.span.upperBound, location.span.lowerBound))
    return .object([
      "physicalLocation": .object([
        "artifactLocation": .object(["uri": .string(Self.uri(for: source.name))]),
        "region": .object([
          "startLine": .integer(start.line),
          "startColumn": .integer(start.column),
          "endLine": .integer(end.line),
          "endColumn": .integer(max(end.column, start.column + (end.line == start.line ? 1 : 0))),
        ]),
      ]),
    ])
  }

  /// A relative URI reference for an input's name; standard input is `stdin`.
  static func uri(for name: String) -> String {
    name == "<stdin>" ? "stdin" : PercentEncoding.encode(name, keeping: Set("/".utf8))
  }
}
