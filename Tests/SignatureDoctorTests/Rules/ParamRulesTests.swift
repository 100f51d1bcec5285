import Testing

@testable import SignatureDoctor

/// What `param-not-signed` and `param-not-sent` do with a logged string to sign, and where
/// an added pair goes, which the rule examples cannot show.
struct ParamRulesTests {
  @Test("a pair missing from a logged string is claimed, worded for the logged string")
  func notSignedLogged() throws {
    let evidence = try RuleEvidence.make(server: "folder=a&timestamp=1&type=private", logged: "folder=a&timestamp=1")
    let findings = ParamNotSignedRule().evaluate(evidence)
    #expect(findings.map(\.confidence) == [0.92])
    #expect(findings.first?.evidence.map(\.text) == [
      "The server received type=private, but the string the client logged has no 'type'.",
    ])
  }

  @Test("a string spread into characters is left to nested-data")
  func notSignedSpread() throws {
    let evidence = try RuleEvidence.make(server: "a=1&b=2&timestamp=1", logged: "0=b&1==&2=2&3=%26&4=a&5==&6=1")
    #expect(ParamNotSignedRule().evaluate(evidence).isEmpty)
    #expect(ParamNotSentRule().evaluate(evidence).isEmpty)
  }

  @Test("of a logged string's extra pairs, only those with a value and a key that is signed are claimed")
  func notSentLogged() throws {
    let evidence = try RuleEvidence.make(
      server: "timestamp=1", logged: "api_key=1&folder=&metadata=a&tags=null&timestamp=1")
    let findings = ParamNotSentRule().evaluate(evidence)
    #expect(findings.map(\.summary) == ["The client signed metadata=a, which never reached the server."])
    #expect(findings.first?.evidence.compactMap(\.location) == [EvidenceLocation(input: .params, span: 18..<28)])
  }

  @Test("an added pair goes where a sorting signer puts it, with & written %26, and only once")
  func addedPair() throws {
    let evidence = try RuleEvidence.make(
      server: "folder=a&timestamp=1",
      json: #"{"folder": "a", "notification_url": "https://x.example/?a=1&b=2", "timestamp": 1}"#)
    let edits = ParamNotSentRule().edits(evidence)
    let added = try #require(edits.first?.apply(Candidate(server: evidence.serverPairs)))
    #expect(edits.count == 1)
    #expect(added.text == "folder=a&notification_url=https://x.example/?a=1%26b=2&timestamp=1")
    #expect(edits[0].apply(added) == nil)
  }
}
