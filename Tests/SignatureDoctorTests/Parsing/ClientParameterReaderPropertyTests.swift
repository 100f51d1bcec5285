import Testing

@testable import SignatureDoctor

/// Bad input never crashes the client parameter reader: seeded mutations and truncations
/// of every fixture, random bytes and very deep nesting each end in evidence or an
/// `InputError`, under detection and under every forced format.
struct ClientParameterReaderPropertyTests {
  /// A small, fast, seeded generator (SplitMix64), so that every run sees the same inputs.
  struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
      state = seed
    }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    /// A number in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
      Int(next() % UInt64(bound))
    }
  }

  /// Every format, and `nil` for detection.
  static let formats: [ClientEvidence.Format?] =
    [nil] + ClientEvidence.Format.allCases.map(Optional.some)

  /// Bytes that matter to some format, so that mutations hit syntax more often than chance.
  static let interesting = Array("{}[]()<>'\"`\\:,;=&%+?#$ \n\r\t=>0123456789aeETFNU.-_é€".utf8)

  /// Reads `bytes` in every way; each read must give evidence whose places lie in the
  /// input, or throw an `InputError` that names a place in the input. Returns how many
  /// reads gave evidence.
  @discardableResult
  static func readEveryWay(_ bytes: [UInt8], limits: InputLimits = .standard) -> Int {
    guard let source = try? SourceText(name: "fuzz", bytes: bytes, limits: limits) else { return 0 }
    let end = source.location(ofByte: source.bytes.count)
    var successes = 0
    for format in formats {
      do {
        let evidence = try ClientParameterReader.read(source, format: format, limits: limits)
        if let format { #expect(evidence.format == format) }
        for parameter in evidence.parameters {
          #expect(parameter.keySpan.map { $0.upperBound <= source.bytes.count } ?? true)
          #expect(parameter.valueSpan.map { $0.upperBound <= source.bytes.count } ?? true)
        }
        #expect(evidence.loggedStringToSign?.origins.allSatisfy { $0 < source.bytes.count } ?? true)
        successes += 1
      } catch {
        #expect(!error.message.isEmpty)
        #expect(error.location.map { $0 <= end } ?? true)
      }
    }
    return successes
  }

  @Test(
    "seeded mutations of every fixture give evidence or an InputError",
    arguments: ClientParameterReaderTests.fixtures)
  func mutations(_ name: String) throws {
    let original = try Fixtures.bytes("params/" + name)
    #expect(Self.readEveryWay(original) >= 1, "the fixture itself must read")
    var random = SplitMix64(
      seed: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
    for _ in 0..<150 {
      var bytes = original
      for _ in 0..<(1 + random.below(4)) {
        let index = random.below(bytes.count + 1)
        let byte = Self.interesting[random.below(Self.interesting.count)]
        switch random.below(4) {
        case 0 where index < bytes.count: bytes[index] = byte
        case 1: bytes.insert(byte, at: index)
        case 2 where index < bytes.count: bytes.remove(at: index)
        default: bytes.insert(contentsOf: bytes[index...].prefix(random.below(16)), at: index)
        }
      }
      Self.readEveryWay(bytes)
    }
  }

  @Test(
    "every truncation of every fixture gives evidence or an InputError",
    arguments: ClientParameterReaderTests.fixtures)
  func truncations(_ name: String) throws {
    let original = try Fixtures.bytes("params/" + name)
    let step = max(1, original.count / 60)
    for length in stride(from: 0, to: original.count, by: step) {
      Self.readEveryWay(Array(original.prefix(length)))
      Self.readEveryWay(Array(original.suffix(length)))
    }
  }

  @Test("random bytes give evidence or an InputError")
  func randomBytes() {
    var random = SplitMix64(seed: 0x5151_D0C)
    for _ in 0..<1000 {
      let count = random.below(200)
      let bytes = (0..<count).map { _ in
        random.below(3) == 0
          ? UInt8(truncatingIfNeeded: random.next())
          : Self.interesting[random.below(Self.interesting.count)]
      }
      Self.readEveryWay(bytes)
    }
  }

  /// Inputs nested 100,000 levels deep, with the format that reads each.
  static let deepInputs: [(String, ClientEvidence.Format)] = {
    let depth = 100_000
    return [
      (String(repeating: "[", count: depth), .json),
      ("{\"a\": " + String(repeating: "[", count: depth), .json),
      ("{ a: " + String(repeating: "{ b: ", count: depth), .javaScript),
      ("{'a': " + String(repeating: "(", count: depth), .python),
      ("{'a': " + String(repeating: "OrderedDict([('b', ", count: depth), .python),
      (String(repeating: "array(", count: depth), .phpVarExport),
      (String(repeating: "['a' => ", count: depth), .phpVarExport),
      (String(repeating: "Array\n(\n    [a] => ", count: depth), .phpPrintR),
      (String(repeating: "array(1) {\n  [\"a\"]=>\n  ", count: depth), .phpVarDump),
      ("a" + String(repeating: "[b]", count: depth) + "=1", .form),
      ("a" + String(repeating: "%5B%5D", count: depth) + "=1", .form),
    ]
  }()

  @Test("nesting 100,000 levels deep is refused as too deep, detected or forced")
  func deepNesting() {
    for (text, format) in Self.deepInputs {
      let source = SourceText(name: "deep", text: text)
      for requested in [nil, format] {
        do {
          _ = try ClientParameterReader.read(source, format: requested)
          Issue.record("\(format.rawValue) nested \(text.prefix(12))… was read")
        } catch {
          #expect(error.problem == .tooDeep(limit: 128), "\(format.rawValue): \(error.message)")
        }
      }
    }
  }

  @Test("a long flat input of many keys reads, keeping every key")
  func manyKeys() throws {
    let count = 50_000
    let json = "{" + (0..<count).map { "\"k\($0 % 1000)\": \($0)" }.joined(separator: ", ") + "}"
    let evidence = try ClientParameterReader.read(SourceText(name: "wide", text: json))
    #expect(evidence.parameters.count == count)
    #expect(evidence.repeatedKeys.count == 1000)

    let form = (0..<count).map { "t%5B\($0 % 7)%5D=\($0)" }.joined(separator: "&")
    let decoded = try ClientParameterReader.read(SourceText(name: "form", text: form))
    guard case .map(let members)? = decoded.parameters.first?.value else {
      Issue.record("the form's brackets did not nest")
      return
    }
    #expect(decoded.parameters.count == 1)
    #expect(members.count == count)
  }
}
