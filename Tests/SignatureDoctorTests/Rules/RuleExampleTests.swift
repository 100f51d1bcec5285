import Foundation
import Testing

@testable import SignatureDoctor

/// Runs every example of every rule in the catalog (STYLE.md §7.3).
struct RuleExampleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let rule: RuleDescription
    let example: RuleExample
    let isTriggering: Bool
    let number: Int
    var testDescription: String { "\(rule.slug), \(isTriggering ? "triggering" : "non-triggering") #\(number)" }

    var sourceLocation: Testing.SourceLocation {
      let file = example.fileID.split(separator: "/").last.map(String.init) ?? example.fileID
      return Testing.SourceLocation(fileID: example.fileID, filePath: Fixtures.root + "/Sources/SignatureDoctor/Rules/" + file,
                                    line: example.line, column: 1)
    }
  }

  static let cases: [Case] = RuleCatalog.descriptions.flatMap { rule in
    rule.triggering.enumerated().map { Case(rule: rule, example: $1, isTriggering: true, number: $0 + 1) }
      + rule.nonTriggering.enumerated().map { Case(rule: rule, example: $1, isTriggering: false, number: $0 + 1) }
  }

  @Test("each example fires its rule or not, verified as expected, with evidence on the markers", arguments: cases)
  func example(_ testCase: Case) throws {
    let run = try ExampleRun(testCase.example)
    let findings = run.diagnosis.findings.filter { $0.rule.slug == testCase.rule.slug }
    guard testCase.isTriggering else {
      #expect(findings.isEmpty, "\(testCase.rule.slug) fired: \(findings.map(\.summary))",
              sourceLocation: testCase.sourceLocation)
      return
    }
    let others = run.diagnosis.findings.map(\.rule.slug).joined(separator: ", ")
    try #require(!findings.isEmpty, "\(testCase.rule.slug) did not fire; findings: \(others)",
                 sourceLocation: testCase.sourceLocation)
    #expect(findings.contains { $0.isVerified } == testCase.example.isVerified,
            "verified: expected \(testCase.example.isVerified)", sourceLocation: testCase.sourceLocation)
    let pointed = Set(findings.flatMap(\.evidence).compactMap(\.location).map { ExampleRun.Mark(location: $0) })
    #expect(pointed == run.markers, """
      evidence points at \(run.describe(pointed)), markers at \(run.describe(run.markers))
      """, sourceLocation: testCase.sourceLocation)
  }

  @Test("each triggering example keeps its finding in every paste shape", arguments: cases.filter(\.isTriggering))
  func shapes(_ testCase: Case) throws {
    let original = RuleExample.expand(testCase.example.error).text
    guard ExampleRun.isBareMessage(original) else { return }
    for (name, shaped) in ExampleRun.shapes(of: original) {
      let run = try ExampleRun(testCase.example, error: shaped)
      let findings = run.diagnosis.findings.filter { $0.rule.slug == testCase.rule.slug }
      #expect(!findings.isEmpty, "did not fire in the \(name) shape", sourceLocation: testCase.sourceLocation)
      #expect(findings.contains { $0.isVerified } == testCase.example.isVerified,
              "verified differs in the \(name) shape", sourceLocation: testCase.sourceLocation)
    }
  }

  @Test("multi-byte text in front moves every position by whole lines and characters", arguments: cases.filter(\.isTriggering))
  func multiByteLine(_ testCase: Case) throws {
    let prefix = "Ünïcödé 日本語 👩‍💻 says:\n"
    let plain = try ExampleRun(testCase.example)
    let shifted = try ExampleRun(testCase.example, errorPrefix: prefix)
    func positions(_ run: ExampleRun) -> [String] {
      run.diagnosis.findings.filter { $0.rule.slug == testCase.rule.slug }.flatMap(\.evidence)
        .compactMap(\.location).map { run.diagnosis.describe($0) }.sorted()
    }
    let expected = positions(plain).map { position -> String in
      guard position.hasPrefix("error.txt:") else { return position }
      let parts = position.split(separator: ":")
      return "error.txt:\(Int(parts[1])! + 1):\(parts[2])"
    }.sorted()
    #expect(positions(shifted) == expected, sourceLocation: testCase.sourceLocation)
  }

  // NB: examples without the secret are run as they are: giving every one of them the
  // secret would run the whole search, to its end, for each, which the examples with the
  // secret and the leak tests on the cases already cover.
  @Test("no report format holds the example secret, and the output repeats byte for byte", arguments: cases)
  func secretAndDeterminism(_ testCase: Case) throws {
    let example = testCase.example
    let first = try ExampleRun(example)
    let second = try ExampleRun(example)
    let secret = RuleExample.secret
    for reporter in Reporters.identifiers.compactMap(Reporters.reporter(named:)) {
      let text = reporter.report(first.diagnosis).plain
      #expect(!text.contains(secret), "\(type(of: reporter).identifier) holds the secret",
              sourceLocation: testCase.sourceLocation)
      #expect(text == reporter.report(second.diagnosis).plain, "\(type(of: reporter).identifier) differs between runs",
              sourceLocation: testCase.sourceLocation)
    }
  }
}

/// One example read and diagnosed.
struct ExampleRun {
  /// A marker or an evidence location, as input and byte offset.
  struct Mark: Hashable {
    let input: EvidenceLocation.Input
    let offset: Int

    init(input: EvidenceLocation.Input, offset: Int) {
      self.input = input
      self.offset = offset
    }

    init(location: EvidenceLocation) {
      self.init(input: location.input, offset: location.span.lowerBound)
    }
  }

  let diagnosis: Diagnosis
  let markers: Set<Mark>

  init(_ example: RuleExample, error: String? = nil, errorPrefix: String = "") throws {
    let expandedError = RuleExample.expand(example.error)
    let errorText = errorPrefix + (error ?? expandedError.text)
    let errorSource = SourceText(name: "error.txt", text: errorText)
    let reports = try ServerErrorReader.reports(in: errorSource)
    var markers = Set(expandedError.markers.map { Mark(input: .error, offset: $0 + errorPrefix.utf8.count) })
    if error != nil { markers = [] }

    var paramsSource: SourceText?
    var client: ClientEvidence?
    if let params = example.params {
      let expanded = RuleExample.expand(params)
      let source = SourceText(name: "params.txt", text: expanded.text)
      client = try ClientParameterReader.read(source)
      paramsSource = source
      markers.formUnion(expanded.markers.map { Mark(input: .params, offset: $0) })
    }
    let secrets = example.withSecret ? [Secret(label: "example", bytes: Array(RuleExample.secret.utf8))] : []
    let evidence = Evidence(errorSource: errorSource, reports: reports, paramsSource: paramsSource, client: client,
                            credentials: Credentials(secrets: secrets, apiKey: "123456789012345", cloudName: "demo"),
                            now: example.now)
    diagnosis = try DiagnosisEngine().diagnose(evidence)
    self.markers = markers
  }

  func describe(_ marks: Set<Mark>) -> String {
    marks.sorted { ($0.input.rawValue, $0.offset) < ($1.input.rawValue, $1.offset) }.map { mark in
      let source = mark.input == .error ? diagnosis.evidence.errorSource : diagnosis.evidence.paramsSource!
      return "\(source.name):\(source.location(ofByte: mark.offset))"
    }.description
  }

  /// Whether the text is one message as the server writes it, with nothing around it.
  static func isBareMessage(_ text: String) -> Bool {
    ["Invalid Signature", "Stale request", "Missing required parameter", "Upload preset", "Unknown API key",
     "Invalid cloud_name"].contains { text.hasPrefix($0) } && !text.contains("\n")
  }

  /// The message in the shapes people paste it in.
  static func shapes(of message: String) -> [(String, String)] {
    let json = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    let html = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
      .replacingOccurrences(of: "\"", with: "&quot;")
    return [
      ("JSON envelope", #"{"error":{"message":"\#(json)"}}"#),
      ("log prefix", "Image upload failed - " + message),
      ("HTML-escaped", "<p>" + html + "</p>"),
      ("exception trace", "java.lang.RuntimeException: Server returned unexpected status code - 401 - "
        + #"{"error":{"message":"\#(json)"}}"# + "\n\tat com.cloudinary.Uploader.callApi(Uploader.java:42)"),
    ]
  }
}
