import Testing

@testable import SignatureDoctor

/// What the engine concludes from a proof, and what it says when it finds none; the
/// rules' own examples cover each kind of mistake.
struct DiagnosisEngineTests {
  static let secret = "Zq8vX2LmN4pR7tY1wE5aS9dF3gH"

  /// The diagnosis of an error whose signature is `signed` under `secret`, given `secrets`.
  static func diagnose(
    server: String,
    signed: String,
    secrets: [String] = [secret],
    params: String? = nil,
    budget: Int = DiagnosisEngine.defaultSearchBudget
  ) throws -> Diagnosis {
    let signature = try OpenSSLDigester().digest(
      of: Array(signed.utf8),
      followedBy: Array(secret.utf8),
      using: .sha1
    ).hex
    let errorSource = SourceText(
      name: "error.txt",
      text: "Invalid Signature \(signature). String to sign - '\(server)'."
    )
    let paramsSource = params.map { SourceText(name: "params.json", text: $0) }
    let credentials = Credentials(
      secrets: secrets.enumerated().map { Secret(label: "s\($0).txt", bytes: Array($1.utf8)) },
      apiKey: "123456789012345"
    )
    let evidence = Evidence(
      errorSource: errorSource,
      reports: try ServerErrorReader.reports(in: errorSource),
      paramsSource: paramsSource,
      client: try paramsSource.map { source throws(InputError) in try ClientParameterReader.read(source) },
      credentials: credentials
    )
    return try DiagnosisEngine(searchBudget: budget).diagnose(evidence)
  }

  @Test("a proof refutes the unverified guesses at what the client signed")
  func proofRefutesGuesses() throws {
    let server = "folder=a&source=uw&timestamp=1685544025"
    let diagnosis = try Self.diagnose(server: server, signed: server)
    let rules = diagnosis.findings.map(\.rule.slug)
    #expect(rules == ["key-pair-mismatch", "algorithm-mismatch"], "\(rules)")
  }

  @Test("a mistake proven on the client's own parameters reads as a change to them")
  func clientBasisSentence() throws {
    let diagnosis = try Self.diagnose(
      server: "folder=a&timestamp=1685544025",
      signed: "folder=b&timestamp=1685544030",
      params: #"{"folder": "b", "timestamp": 1685544025}"#
    )
    let top = try #require(diagnosis.topFinding)
    #expect(top.isVerified)
    #expect(top.summary == "The client's signer signed the parameters it showed, but signed another "
      + "timestamp (1685544030, 5 seconds after the one sent).", "\(top.summary)")
  }

  @Test("a secret that sigdoc holds with a line break the client did not sign is sigdoc's to clean")
  func cleanupIsNotTheClientsMistake() throws {
    let diagnosis = try Self.diagnose(
      server: "folder=a&source=uw&timestamp=1685544025",
      signed: "folder=a&timestamp=1685544025",
      secrets: [Self.secret + "\n"]
    )
    let top = try #require(diagnosis.topFinding)
    #expect(top.rule.slug == "missing-source-uw" && top.isVerified)
    #expect(top.summary == "The client's signer left out source=uw.", "\(top.summary)")
    #expect(top.evidence.map(\.text).contains(
      "The signature was made with the secret from s0.txt without its trailing line break: the copy "
        + "sigdoc was given holds those bytes, the client's signer did not sign them."
    ))
    #expect(!diagnosis.findings.contains { $0.rule.slug == "secret-format" })
  }

  @Test("a search cut short by its budget says what it left untried, and claims less")
  func budgetIsReported() throws {
    let diagnosis = try Self.diagnose(
      server: "folder=a&source=uw&timestamp=1685544025",
      signed: "nothing the rules suspect",
      budget: 1_000
    )
    let search = try #require(diagnosis.search)
    #expect(!search.isVerified)
    #expect(search.digests < 20_000, "\(search.digests)")
    #expect(search.skipped.contains("pairs of mistakes"), "\(search.skipped)")
    #expect(!search.tried.contains("pairs of mistakes"), "\(search.tried)")
    let wrong = try #require(diagnosis.findings.first { $0.rule.slug == "wrong-secret" })
    #expect(wrong.confidence == 0.5)
    #expect(wrong.evidence.contains { $0.text.hasPrefix("The search stopped at its limits (1000 digests of up to 128 bytes") })
  }

  @Test("a search that runs to its end skips nothing")
  func fullSearchSkipsNothing() throws {
    let diagnosis = try Self.diagnose(
      server: "folder=a&timestamp=1685544025",
      signed: "nothing the rules suspect"
    )
    let search = try #require(diagnosis.search)
    #expect(search.skipped.isEmpty, "\(search.skipped)")
    #expect(search.tried.contains("each search under HMAC"), "\(search.tried)")
    #expect(diagnosis.topFinding?.confidence == 0.7)
  }

  // Regression: thousands of pairs made the search build millions of candidates of
  // thousands of pairs each, for minutes and gigabytes.
  @Test("a string of thousands of pairs is searched only as far as the pairs held at once allow")
  func thousandsOfPairs() throws {
    let keys = (0..<3_000).map { "k" + String(100_000 + $0) }
    let server = (keys.map { $0 + "=v" } + ["timestamp=1685544025"]).joined(separator: "&")
    let diagnosis = try Self.diagnose(server: server, signed: "nothing the rules suspect")
    let search = try #require(diagnosis.search)
    #expect(search.candidates <= HypothesisSearch.pairCap / 3_001 + 2, "\(search.candidates)")
    #expect(search.skipped.first?.hasPrefix("part of") == true, "\(search.skipped)")
    #expect(search.skipped.contains("pairs of mistakes"))
  }
}

