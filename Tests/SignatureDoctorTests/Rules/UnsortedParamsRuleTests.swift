import Testing

@testable import SignatureDoctor

/// What `unsorted-params` does that its examples cannot show: it reads a logged string to
/// sign, and it offers the engine every order of a few pairs.
struct UnsortedParamsRuleTests {
  @Test("a logged string out of order gives one finding at the first pair out of place")
  func loggedOutOfOrder() throws {
    let evidence = try RuleEvidence.make(
      server: "folder=pets&public_id=cat&timestamp=1", logged: "public_id=cat&timestamp=1&folder=pets")
    let findings = UnsortedParamsRule().evaluate(evidence)
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.confidence == 0.9)
    #expect(finding.summary == "The string the client logged is not sorted: folder=pets follows timestamp=1.")
    #expect(finding.evidence == [EvidenceNote(
      "In the string the client logged, folder=pets follows timestamp=1, though it sorts before it.",
      at: EvidenceLocation(input: .params, span: 26..<37))])
  }

  @Test("a logged string sorted by key but not by whole pair gives a weak finding")
  func loggedByKey() throws {
    let evidence = try RuleEvidence.make(server: "a1=2&a=1&timestamp=1", logged: "a=1&a1=2&timestamp=1")
    let findings = UnsortedParamsRule().evaluate(evidence)
    #expect(findings.map(\.confidence) == [0.5])
    #expect(findings.first?.summary == "The string the client logged is sorted by key, not by whole pair: a1=2 follows "
      + "a=1; this matters only where one key is the start of another.")
  }

  @Test("a sorted logged string, or parameters in any order, give no finding")
  func noFinding() throws {
    let sorted = try RuleEvidence.make(server: "folder=pets&timestamp=1", logged: "folder=pets&timestamp=1")
    let unsortedJSON = try RuleEvidence.make(server: "folder=pets&timestamp=1", json: #"{"timestamp": 1, "folder": "pets"}"#)
    #expect(UnsortedParamsRule().evaluate(sorted).isEmpty)
    #expect(UnsortedParamsRule().evaluate(unsortedJSON).isEmpty)
  }

  @Test("every other order of four pairs is offered once, and only the named orders for seven")
  func orders() throws {
    let four = try RuleEvidence.make(server: "a=1&b=2&c=3&d=4")
    let texts = RuleEvidence.candidates(of: UnsortedParamsRule(), in: four)
    #expect(Set(texts).count == 23)
    #expect(!texts.contains("a=1&b=2&c=3&d=4"))
    #expect(texts.contains("d=4&a=1&c=3&b=2"))

    let seven = try RuleEvidence.make(server: "a=1&b=2&c=3&d=4&e=5&f=6&g=7")
    #expect(RuleEvidence.candidates(of: UnsortedParamsRule(), in: seven) == ["g=7&f=6&e=5&d=4&c=3&b=2&a=1"])
  }

  @Test("an order is never applied on top of another")
  func noStacking() throws {
    let evidence = try RuleEvidence.make(server: "folder=pets&public_id=cat&timestamp=1")
    let edits = UnsortedParamsRule().edits(evidence)
    let reversed = try #require(edits.first { $0.summary == "joined the pairs in reverse order" }?
      .apply(Candidate(server: evidence.serverPairs)))
    #expect(reversed.text == "timestamp=1&public_id=cat&folder=pets")
    #expect(edits.allSatisfy { $0.apply(reversed) == nil })
  }
}
