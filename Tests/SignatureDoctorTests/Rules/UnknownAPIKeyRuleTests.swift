import Testing

@testable import SignatureDoctor

/// The case the examples cannot hold: every example also runs with the example secret, and
/// the `reports` part of a JSON report repeats the pasted key, which here is that secret.
struct UnknownAPIKeyRuleTests {
  @Test("a secret sent as the API key is named by its label, never repeated", arguments: ["", "\n", "\""])
  func secretAsKey(around: String) throws {
    let secret = RuleExample.secret
    let source = SourceText(name: "error.txt", text: #"{"error":{"message":"Unknown API key \#(secret) "}}"#)
    let held = around == "\"" ? around + secret + around : secret + around
    let evidence = Evidence(
      errorSource: source, reports: try ServerErrorReader.reports(in: source),
      credentials: Credentials(secrets: [Secret(label: "CLOUDINARY_URL", bytes: Array(held.utf8))],
                               apiKey: RuleExample.apiKey))
    let findings = UnknownAPIKeyRule().evaluate(evidence)
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.summary
      == "The API key sent is the API secret from CLOUDINARY_URL: key and secret were swapped.")
    let texts = [finding.summary, finding.fix] + finding.evidence.map(\.text)
    for text in texts { #expect(!text.contains(secret), "'\(text)'") }
  }

  @Test("another key than the one in the credentials is shown next to it")
  func otherKey() throws {
    let source = SourceText(name: "error.txt", text: "Unknown API key 987654321098765")
    let evidence = Evidence(errorSource: source, reports: try ServerErrorReader.reports(in: source),
                            credentials: Credentials(apiKey: RuleExample.apiKey))
    let finding = try #require(UnknownAPIKeyRule().evaluate(evidence).first)
    #expect(finding.evidence.map(\.text) == [
      "Cloudinary says it knows no API key 987654321098765.",
      "The credentials sigdoc was given hold the API key 123456789012345, not this one: the code that "
        + "uploads reads another key.",
    ])
  }
}
