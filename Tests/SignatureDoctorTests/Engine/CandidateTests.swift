import Testing

@testable import SignatureDoctor

struct CandidateTests {
  @Test("a pair added to the server's pairs stands where a sorting signer puts it")
  func addingKeepsServerOrder() {
    let server = Candidate(server: SignedPair.pairs(in: "public_id=cat&timestamp=1"))
    #expect(server.adding("folder=").text == "folder=&public_id=cat&timestamp=1")
    #expect(server.adding("resource_type=video").text == "public_id=cat&resource_type=video&timestamp=1")
    #expect(server.adding("upload_preset=x").text == "public_id=cat&timestamp=1&upload_preset=x")
  }

  @Test("a pair added to pairs that keep no order is sorted with them")
  func addingToSortedCandidate() {
    let candidate = Candidate(pairs: ["timestamp=1", "folder=a"])
    #expect(candidate.adding("api_key=1").text == "api_key=1&folder=a&timestamp=1")
  }
}
