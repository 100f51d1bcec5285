import Foundation
import Testing

@testable import sigdoc

/// Every case under Fixtures/cases gives its expected first finding, verified exactly when
/// the case expects it: `Scripts/accuracy.py` prints the same as an accuracy figure.
struct CaseTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let arguments: [String]
    let environment: [String: String]
    let rule: String
    let verified: Bool
    var testDescription: String { name }
  }

  static let cases: [Case] = {
    let root = packageRoot + "/Fixtures/cases"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root).sorted()) ?? []
    return names.compactMap { name in
      let folder = root + "/" + name
      guard let data = FileManager.default.contents(atPath: folder + "/case.json"),
        let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let expect = record["expect"] as? [String: Any], let rule = expect["rule"] as? String
      else { return nil }
      var arguments = ["diagnose", folder + "/error.txt", "--format", "json"]
      if let params = record["params"] as? String { arguments += ["--params", folder + "/" + params] }
      if let format = record["params_format"] as? String { arguments += ["--params-format", format] }
      if let now = record["now"] as? Int { arguments += ["--now", String(now)] }
      for secret in record["secrets"] as? [String] ?? [] { arguments += ["--secret-file", packageRoot + "/" + secret] }
      return Case(name: name, arguments: arguments, environment: record["environment"] as? [String: String] ?? [:],
                  rule: rule, verified: expect["verified"] as? Bool ?? false)
    }
  }()

  @Test("there are at least 41 cases")
  func count() {
    #expect(Self.cases.count >= 41)
  }

  @Test("each case's first finding is the expected one", arguments: cases)
  func firstFinding(_ testCase: Case) throws {
    let result = runSigdocOnDisk(testCase.arguments, environment: testCase.environment)
    try #require(result.status == 1, "exit status \(result.status): \(result.errors)")
    let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    let first = (document?["findings"] as? [[String: Any]])?.first
    #expect(first?["rule"] as? String == testCase.rule)
    #expect(first?["verified"] as? Bool == testCase.verified)
  }
}
