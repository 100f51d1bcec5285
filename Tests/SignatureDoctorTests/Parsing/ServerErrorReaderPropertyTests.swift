import Testing

@testable import SignatureDoctor

/// The error-text reader on input built to break it: mutated and cut fixtures, random
/// bytes, random heaps of quotes and backslashes, a large paste and deep nesting. Every
/// read must end, in reports that hold together or in an `InputError`, and give the same
/// answer twice.
struct ServerErrorReaderPropertyTests {
  /// A small, fast, seedable generator (SplitMix64), so that every run tries the same inputs.
  struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var mixed = state
      mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
      return mixed ^ (mixed >> 31)
    }

    /// A generator seeded from a name, the same on every run and every machine.
    init(seed name: String) {
      state = name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
  }

  /// Pieces that tend to confuse a reader of quoted, escaped and wrapped text.
  static let pieces: [String] = [
    "\"", "'", "\\", "\\\"", "\\\\", "\\'", "{", "}", "[", "]", ":", ",", "\n", "\r\n", "> ", "  ",
    "&quot;", "&#39;", "&amp;", "&#x27;", "&lt;", "&", ";", "#", "\\u0026", "\\u00", "\\ud83d",
    "Invalid Signature ", "String to sign - ", "String to sign ", ". ", "'.", "timestamp=1", "a",
    "Stale request - reported time is 2015-06-20 12:59:41 +0000", "Stale request - ",
    "2015-13-40 99:99:99",
    "Missing required parameter - ", "Upload preset must be whitelisted", "Unknown API key ",
    "Invalid cloud_name ", "x-cld-error: ", "X-Cld-Error", "http_code: 401", "(401)", "HTTP 401",
    "{\"error\":{\"message\":\"", "\"}}", "{ message: '", "', http_code: 401 }", "😀", "東京",
    "\u{301}",
    "fileuploadfail", "widget_id", "Upload failed: ", "=>", "\t", "\\=", "|",
  ]

  /// Checks what the reader made of `source`: reports in order, spans and origins inside
  /// the paste, origins in order, and the same answer on a second read.
  static func check(_ source: SourceText, _ context: String) {
    let first = Result { () throws(InputError) in try ServerErrorReader.reports(in: source) }
    let second = Result { () throws(InputError) in try ServerErrorReader.reports(in: source) }
    #expect(first == second, "two reads differ: \(context)")
    guard case .success(let reports) = first else { return }
    #expect(!reports.isEmpty, "an empty list instead of an error: \(context)")
    let count = source.bytes.count
    #expect(
      reports.map(\.span.lowerBound) == reports.map(\.span.lowerBound).sorted(), "order: \(context)"
    )
    for report in reports {
      #expect(
        report.span.lowerBound >= 0 && report.span.upperBound <= count,
        "span \(report.span): \(context)")
      for mapped in [report.signature, report.stringToSign].compactMap({ $0 }) {
        #expect(mapped.origins.count == mapped.text.utf8.count, "origins count: \(context)")
        #expect(
          mapped.origins.allSatisfy { $0 >= 0 && $0 < count },
          "origins out of the paste: \(context)")
        #expect(mapped.origins == mapped.origins.sorted(), "origins out of order: \(context)")
      }
      let carriesText = report.signature != nil || report.stringToSign != nil
      #expect(
        !carriesText || report.kind == .invalidSignature, "text on a \(report.kind): \(context)")
    }
  }

  @Test("mutated fixtures are read without a crash", arguments: ServerErrorReaderTests.fixtureNames)
  func mutations(_ name: String) throws {
    var generator = SplitMix64(seed: name)
    let original = Array(try Fixtures.text("errors/\(name).txt").utf8)
    for round in 0..<120 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let position = Int.random(in: 0...bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0:
          bytes.insert(
            contentsOf: Array(Self.pieces.randomElement(using: &generator)!.utf8), at: position)
        case 1:
          let end = min(bytes.count, position + Int.random(in: 1...8, using: &generator))
          bytes.removeSubrange(position..<end)
        default:
          let other = Int.random(in: 0...bytes.count, using: &generator)
          bytes.insert(
            contentsOf: original[min(other, original.count - 1)...].prefix(20), at: position)
        }
      }
      Self.check(
        SourceText(name: name, text: String(decoding: bytes, as: UTF8.self)),
        "\(name) round \(round)")
    }
  }

  @Test(
    "every fixture cut short is read without a crash",
    arguments: ServerErrorReaderTests.fixtureNames)
  func truncations(_ name: String) throws {
    let bytes = Array(try Fixtures.text("errors/\(name).txt").utf8)
    let step = max(1, bytes.count / 90)
    for end in stride(from: 1, through: bytes.count, by: step) {
      let text = String(decoding: bytes[..<end], as: UTF8.self)
      guard text.contains(where: { !$0.isWhitespace }) else { continue }
      Self.check(SourceText(name: name, text: text), "\(name) cut at \(end)")
    }
  }

  @Test("random bytes are refused or read without a crash")
  func randomBytes() {
    var generator = SplitMix64(seed: "random bytes")
    for round in 0..<300 {
      let count = Int.random(in: 1...600, using: &generator)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if let source = try? SourceText(name: "random", bytes: bytes) {
        Self.check(source, "valid random bytes, round \(round)")
      }
      let lossy = String(decoding: bytes, as: UTF8.self)
      Self.check(SourceText(name: "random", text: lossy), "lossy random bytes, round \(round)")
    }
  }

  @Test("random heaps of quotes, backslashes, braces and opening words are read without a crash")
  func randomPieces() {
    var generator = SplitMix64(seed: "random pieces")
    for round in 0..<600 {
      let count = Int.random(in: 1...80, using: &generator)
      let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
      Self.check(SourceText(name: "pieces", text: text), "round \(round): \(text.debugDescription)")
    }
  }

  /// The ways a message gets wrapped on its way into a paste, each applied to the text so far.
  enum Wrap: CaseIterable {
    case envelope, jsonString, nodeInspect, logPrefix

    func apply(to text: String) -> String {
      switch self {
      case .envelope: #"{"error":{"message":""# + JSONValue.escaped(text) + #""}}"#
      case .jsonString: #"{"body":""# + JSONValue.escaped(text) + #"","status":401}"#
      case .nodeInspect:
        "{ message: '"
          + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'")
          + "', http_code: 401 }"
      case .logPrefix: "Error: upload failed - " + text
      }
    }
  }

  /// Where a mail client breaks the line, put into the string to sign before the layers
  /// are applied; no layer escapes it.
  static let cutMark = "¤"

  /// `text` with its line broken at `cutMark` the way a mail client breaks a long line, every
  /// line then quoted with `> `; `nil` when the line before the mark is too short to be
  /// broken, or the mark stands where no reader could tell the break from the text (after a
  /// backslash, before `>`).
  static func mailWrapped(_ text: String) -> String? {
    let parts = text.components(separatedBy: cutMark)
    guard parts.count == 2, parts[0].utf8.count >= 60, !parts[0].hasSuffix("\\"),
      parts[1].drop(while: { $0 == " " }).first != ">"
    else { return nil }
    return "> " + parts[0] + "\n> " + parts[1] + "\n"
  }

  @Test("a message wrapped in random layers reads back byte for byte")
  func wrappedRoundTrip() throws {
    var generator = SplitMix64(seed: "round trip")
    let units = [
      "a", "Z", "9", "=", "&", ",", "/", "|", "\\=", "\\|", "\"", "<", ">", "{", "}", " ", "é", "😀",
      "_", "-", ":", "%", "+", "東", "=>",
    ]
    let signatures = [
      "53c516a1618fe4d88a81a0b6289e83a205608cbe", "undefined", "[object Promise]", "***", "",
    ]
    for round in 0..<1000 {
      let stringToSign = (0..<Int.random(in: 1...40, using: &generator))
        .map { _ in units.randomElement(using: &generator)! }.joined()
      let signature = signatures.randomElement(using: &generator)!
      let key = String(Int.random(in: 100_000...999_999_999, using: &generator))
      let kind = [
        ServerReport.Kind.invalidSignature, .invalidSignature, .unknownAPIKey, .missingParameter,
      ]
      .randomElement(using: &generator)!
      let wantsMail = kind == .invalidSignature && Bool.random(using: &generator)
      let cut = Int.random(in: 0...stringToSign.count, using: &generator)
      let markedString =
        wantsMail
        ? String(stringToSign.prefix(cut)) + Self.cutMark + String(stringToSign.dropFirst(cut))
        : stringToSign
      var text =
        switch kind {
        case .unknownAPIKey: "Unknown API key \(key)"
        case .missingParameter: "Missing required parameter - api_key"
        default: "Invalid Signature \(signature). String to sign - '\(markedString)'."
        }
      var wraps: [Wrap] = []
      for _ in 0..<Int.random(in: 0...3, using: &generator) {
        let wrap = Wrap.allCases.randomElement(using: &generator)!
        wraps.append(wrap)
        text = wrap.apply(to: text)
      }
      var isMail = false
      if wantsMail {
        guard let wrapped = Self.mailWrapped(text) else { continue }
        (text, isMail) = (wrapped, true)
      }
      var isHTML = false
      if !isMail, Bool.random(using: &generator) {
        // A page may escape what another page already escaped (audit D4): each layer is
        // decoded once.
        for _ in 0..<Int.random(in: 1...2, using: &generator) {
          let escaped = text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;")
            .replacingAll(">", with: "&gt;").replacingAll("\"", with: "&quot;")
            .replacingAll("'", with: "&#39;")
          (text, isHTML) = (escaped, isHTML || escaped != text)
        }
      }
      // Terminal colours around the whole paste are a layer below every other (audit D5).
      let isColoured = Int.random(in: 0..<4, using: &generator) == 0
      if isColoured { text = "\u{1B}[1;31m" + text + "\u{1B}[0m" }
      let source = SourceText(name: "round \(round)", text: text)
      let context =
        "round \(round), \(kind), \(wraps), html \(isHTML), mail \(isMail), "
        + "colour \(isColoured): \(text)"
      let reports = try ServerErrorReader.reports(in: source)
      try #require(reports.count == 1, "\(context)")
      let report = reports[0]
      #expect(report.kind == kind, "\(context)")
      #expect(!report.isTruncated, "\(context)")
      #expect(report.layers.contains("html-escaped") == isHTML, "\(context)")
      #expect(report.layers.contains("line-wrapped") == isMail, "\(context)")
      #expect(report.layers.contains("quoted-reply") == isMail, "\(context)")
      switch kind {
      case .unknownAPIKey: #expect(report.apiKey == key, "\(context)")
      case .missingParameter: #expect(report.parameter == "api_key", "\(context)")
      default:
        #expect(report.signature?.text == signature, "\(context)")
        #expect(report.stringToSign?.text == stringToSign, "\(context)")
      }
      for (index, origin) in (report.stringToSign?.origins ?? []).enumerated() {
        let decoded = Array(stringToSign.utf8)[index]
        let original = source.bytes[origin]
        #expect(
          original == decoded || original == UInt8(ascii: "\\") || original == UInt8(ascii: "&"),
          "byte \(index) from \(origin): \(context)")
      }
      Self.check(source, context)
    }
  }

  @Test("a 4 MiB paste gives every message it holds")
  func largePaste() throws {
    let block = """
      Invalid Signature 53c516a1618fe4d88a81a0b6289e83a205608cbe. String to sign - 'timestamp=1439054775'.
      {"error":{"message":"Missing required parameter - api_key"}}
      some log line in between, with "quotes", 'apostrophes' and a \\ backslash
      { message: 'Invalid Signature abc. String to sign - \\'source=uw&timestamp=1709830648\\'.', http_code: 401 }

      """
    let copies = (4 << 20) / block.utf8.count + 1
    let source = SourceText(name: "large", text: String(repeating: block, count: copies))
    let reports = try ServerErrorReader.reports(in: source)
    #expect(reports.count == 3 * copies)
    #expect(reports.filter { $0.httpStatus == 401 }.count == copies)
  }

  @Test("a long line of opening words and quotes is read without a crash")
  func longLineOfAnchors() throws {
    let line = String(repeating: ": 'Invalid Signature x. \"String to sign - '", count: 6_000)
    Self.check(SourceText(name: "line", text: line), "long line")
    let messages = String(repeating: "Invalid Signature a. String to sign - 'b=1' ", count: 8_000)
    #expect(
      try ServerErrorReader.reports(in: SourceText(name: "line", text: messages)).count == 8_000)
  }

  @Test("100,000 nested objects around an envelope give its one message")
  func deepNesting() throws {
    let depth = 100_000
    let open = String(repeating: "{\"a\":", count: depth)
    let close = String(repeating: "}", count: depth)
    let envelope =
      #"{"error":{"message":"Stale request - reported time is 2015-06-20 12:59:41 +0000"}}"#
    let reports = try ServerErrorReader.reports(
      in: SourceText(name: "deep", text: open + envelope + close))
    #expect(reports.map(\.reportedTime) == [1_434_805_181])
    #expect(throws: InputError("deep", .unusable("no Cloudinary error found in the pasted text"))) {
      try ServerErrorReader.reports(in: SourceText(name: "deep", text: open + close))
    }
  }

  @Test("a message quoted in twelve string layers is still found")
  func deepStrings() throws {
    var text = "Invalid Signature abc. String to sign - 'context=a\\=b&timestamp=1'."
    for _ in 0..<12 {
      text = "\"" + JSONValue.escaped(text) + "\""
    }
    let source = SourceText(name: "layers", text: text)
    Self.check(source, "twelve layers")
    #expect(try ServerErrorReader.reports(in: source).count == 1)
  }
}
