import Testing

@testable import SignatureDoctor

/// How `encoding-mismatch` names each kind of difference it claims.
struct EncodingMismatchRuleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let server: String
    let json: String
    let summary: String
    var testDescription: String { name }
  }

  static let cases = [
    Case(name: "percent-encoded by the request", server: "eager=w_400%2Ch_300&timestamp=1",
         json: #"{"eager": "w_400,h_300", "timestamp": 1}"#,
         summary: "'eager' was signed as 'w_400,h_300' but sent as 'w_400%2Ch_300': the request carried it "
           + "percent-encoded, the client signed it decoded."),
    Case(name: "form-encoded by the client", server: "folder=my folder&timestamp=1",
         json: #"{"folder": "my+folder", "timestamp": 1}"#,
         summary: "'folder' was signed as 'my+folder' but sent as 'my folder': the client signed it form-encoded, "
           + "with + for spaces, the request carried it decoded."),
    Case(name: "HTML entities", server: #"context=alt="Tom"&timestamp=1"#,
         json: #"{"context": "alt=&quot;Tom&quot;", "timestamp": 1}"#,
         summary: #"'context' was signed as 'alt=&quot;Tom&quot;' but sent as 'alt="Tom"': the client signed it "#
           + "with HTML entities, the request carried it plain."),
    Case(name: "NFD against NFC", server: "public_id=caf\u{E9}&timestamp=1",
         json: #"{"public_id": "cafe\u0301", "timestamp": 1}"#,
         summary: "'public_id' was signed as 'cafe\u{301}' but sent as 'caf\u{E9}': one text in two Unicode forms, "
           + "signed in NFD (decomposed) and sent in NFC (composed)."),
    Case(name: "version 2 against version 1", server: "notification_url=https://x.example/?a=1&b&timestamp=1",
         json: #"{"notification_url": "https://x.example/?a=1%26b", "timestamp": 1}"#,
         summary: "'notification_url' was signed as 'https://x.example/?a=1%26b' but sent as "
           + "'https://x.example/?a=1&b': the client wrote & as %26 (signature version 2), the server's string "
           + "has it as & (version 1)."),
    Case(name: "boolean", server: "phash=true&timestamp=1", json: #"{"phash": 1, "timestamp": 1}"#,
         summary: "'phash' was signed as '1' but sent as 'true': one boolean, spelt two ways; PHP and the SDKs' "
           + "upload calls write booleans as 1 and 0."),
    Case(name: "number", server: "quality=80&timestamp=1", json: #"{"quality": 80.0, "timestamp": 1}"#,
         summary: "'quality' was signed as '80.0' but sent as '80': one number, written two ways."),
  ]

  @Test("each kind of difference is named in the summary", arguments: cases)
  func kinds(_ testCase: Case) throws {
    let evidence = try RuleEvidence.make(server: testCase.server, json: testCase.json)
    let summaries = EncodingMismatchRule().evaluate(evidence).map(\.summary)
    #expect(summaries.count == 1)
    #expect(summaries.first.map { Array($0.unicodeScalars) } == Array(testCase.summary.unicodeScalars),
            "\(summaries) against \(testCase.summary)")
  }

  @Test("a timestamp written another way is left to the timestamp rules")
  func timestamp() throws {
    let evidence = try RuleEvidence.make(server: "timestamp=1430000000", json: #"{"timestamp": 1430000000.0}"#)
    #expect(EncodingMismatchRule().evaluate(evidence).isEmpty)
    #expect(EncodingMismatchRule().edits(evidence).allSatisfy { !$0.summary.contains("timestamp") })
  }
}
