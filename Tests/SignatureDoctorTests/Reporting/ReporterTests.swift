import Foundation
import Testing

@testable import SignatureDoctor

struct ReporterTests {
  /// A diagnosis of a case folder under Fixtures/cases.
  static func diagnosis(_ name: String, errorName: String? = nil) throws -> Diagnosis {
    let folder = "cases/" + name
    let errorSource = try SourceText(name: errorName ?? "\(folder)/error.txt", bytes: Fixtures.bytes(folder + "/error.txt"))
    let record = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes(folder + "/case.json"))) as? [String: Any]
    var paramsSource: SourceText?
    var client: ClientEvidence?
    if let params = record?["params"] as? String {
      let source = try SourceText(name: "\(folder)/\(params)", bytes: Fixtures.bytes("\(folder)/\(params)"))
      client = try ClientParameterReader.read(source)
      paramsSource = source
    }
    let secrets = try (record?["secrets"] as? [String] ?? []).map { path in
      Secret(label: path, bytes: try FileBytes.read(Fixtures.root + "/" + path))
    }
    let evidence = Evidence(
      errorSource: errorSource, reports: try ServerErrorReader.reports(in: errorSource), paramsSource: paramsSource,
      client: client, credentials: Credentials(secrets: secrets, apiKey: "123456789012345", cloudName: "demo"))
    return try DiagnosisEngine().diagnose(evidence)
  }

  static let sarifCases = ["widget-missing-source", "widget-missing-source-no-secret", "wrong-secret", "stale-request",
                           "unsorted-logged-string", "invisible-character"]

  @Test("SARIF output validates against the SARIF 2.1.0 schema", arguments: sarifCases)
  func sarifValidates(name: String) throws {
    let schema = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("vectors/sarif-schema-2.1.0.json")))
    let log = SARIFReporter().report(try Self.diagnosis(name)).plain
    let document = try JSONSerialization.jsonObject(with: Data(log.utf8))
    let problems = JSONSchemaValidator(schema: schema).validate(document)
    #expect(problems.isEmpty, "\(problems.prefix(5))")
  }

  @Test("the schema validator itself rejects a broken log")
  func validatorRejects() throws {
    let schema = try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("vectors/sarif-schema-2.1.0.json")))
    let broken: [String: Any] = ["version": "2.0", "runs": [["tool": ["driver": [:]]]]]
    let problems = JSONSchemaValidator(schema: schema).validate(broken)
    #expect(problems.contains { $0.contains("version") })
    #expect(problems.contains { $0.contains("missing required property 'name'") })
  }

  @Test("SARIF results carry the rule, rank and locations relative to the input file")
  func sarifContent() throws {
    let log = SARIFReporter().report(try Self.diagnosis("widget-missing-source")).plain
    let document = try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any]
    let run = (document?["runs"] as? [[String: Any]])?.first
    let result = (run?["results"] as? [[String: Any]])?.first
    #expect(result?["ruleId"] as? String == "SD008")
    #expect(result?["rank"] as? Double == 100)
    let location = ((result?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
    #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String
      == "cases/widget-missing-source/error.txt")
    #expect((location?["region"] as? [String: Any])?["startColumn"] as? Int == 117)
  }

  @Test("standard input is named 'stdin' in SARIF, a valid URI reference")
  func sarifStandardInput() throws {
    let log = SARIFReporter().report(try Self.diagnosis("widget-missing-source", errorName: "<stdin>")).plain
    #expect(log.contains(#""uri": "stdin""#))
    #expect(!log.contains("<stdin>"))
  }

  @Test("the JSON document has its schema, reports, client and findings")
  func jsonDocument() throws {
    let text = JSONReporter().report(try Self.diagnosis("widget-missing-source")).plain
    let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(document?["schema"] as? String == "sigdoc.diagnosis/1")
    #expect((document?["reports"] as? [Any])?.count == 1)
    #expect((document?["client"] as? [String: Any])?["format"] as? String == "json")
    let finding = (document?["findings"] as? [[String: Any]])?.first
    #expect(finding?["rule"] as? String == "missing-source-uw")
    #expect(finding?["code"] as? String == "SD008")
    #expect(finding?["verified"] as? Bool == true)
    #expect(((finding?["proof"] as? [String: Any])?["digested"] as? String)?.hasSuffix("{secret}") == true)
  }

  @Test("the text report starts with the bottom line and shows the byte view for look-alike values")
  func textReport() throws {
    let text = TextReporter().report(try Self.diagnosis("invisible-character")).plain
    #expect(text.hasPrefix("'folder' was signed as 'avatars\\u{200B}' but sent as 'avatars'"))
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= TextWrap.width || !$0.contains(" ") })
    #expect(text.contains("bytes: server 61 76 61 74 61 72 73\n"))
    #expect(text.contains("client 61 76 61 74 61 72 73 e2 80 8b\n"))
  }

  @Test("one proof behind two findings is shown once, and no note repeats its finding's summary")
  func sharedProof() throws {
    let text = TextReporter().report(try Self.diagnosis("two-mistakes")).plain
    let recipe = "Proof: SHA-1 of the string followed by the secret from Fixtures/secrets/fake-production.txt"
    #expect(text.components(separatedBy: recipe).count == 2, "\(text)")
    #expect(text.contains("2. timestamp-in-milliseconds (SD002) verified"))
    #expect(text.contains("   Proof: the one shown for 1, which reproduces this mistake too.\n"))
    let summary = "The client's signer left out source=uw and signed a time in milliseconds"
    #expect(!text.contains("   - " + summary), "\(text)")
  }
}
