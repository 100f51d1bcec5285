import Foundation
import Testing

@testable import SignatureDoctor

/// The error-text reader against every pasted shape in `Fixtures/errors`, plus the details
/// a golden file does not show: origins, positions, escapes and errors.
struct ServerErrorReaderTests {
  /// The fixture names, without `.txt`.
  static let fixtureNames: [String] = ((try? Fixtures.files(in: "errors")) ?? [])
    .filter { $0.hasSuffix(".txt") }
    .map { String($0.dropLast(4)) }

  /// The reports of `text` as the JSON array the golden files hold.
  static func rendering(_ source: SourceText) throws -> String {
    let reports = try ServerErrorReader.reports(in: source)
    return JSONValue.array(reports.map { $0.json(in: source) }).pretty
  }

  /// The reports of `text`, which must hold at least one.
  static func reports(_ text: String, name: String = "paste.txt") throws -> [ServerReport] {
    try ServerErrorReader.reports(in: SourceText(name: name, text: text))
  }

  @Test("the fixture folder holds at least 25 shapes, each with its expected JSON")
  func fixtureFolder() throws {
    #expect(Self.fixtureNames.count >= 25, "only \(Self.fixtureNames.count) fixtures")
    let files = Set(try Fixtures.files(in: "errors"))
    for name in Self.fixtureNames {
      #expect(files.contains("\(name).expected.json"), "\(name).expected.json is missing")
    }
  }

  @Test("each pasted shape reads as its expected JSON", arguments: fixtureNames)
  func fixture(_ name: String) throws {
    let source = try SourceText(name: "\(name).txt", bytes: Fixtures.bytes("errors/\(name).txt"))
    let rendered = try Self.rendering(source)
    let expectedPath = Fixtures.path("errors/\(name).expected.json")
    if ProcessInfo.processInfo.environment["SIGDOC_RECORD"] == "1" {
      try FileBytes.write(rendered, to: expectedPath)
      Issue.record(
        "recorded errors/\(name).expected.json; run the tests again without SIGDOC_RECORD")
      return
    }
    let expected = try Fixtures.text("errors/\(name).expected.json")
    #expect(rendered == expected, "\(name): produced\n\(rendered)\nexpected\n\(expected)")
  }

  // MARK: - Origins and positions

  /// The offset of the first occurrence of `needle` in `text`, in UTF-8 bytes.
  static func offset(of needle: String, in text: String) throws -> Int {
    let bytes = Array(text.utf8)
    return try #require(
      ByteSearch.firstIndex(of: Array(needle.utf8), in: bytes, from: 0),
      "'\(needle)' is not in the text")
  }

  @Test("the s of source=uw inside a JSON envelope maps to the s in the paste")
  func originsInsideEnvelope() throws {
    let text =
      #"{"error":{"message":"Invalid Signature 637ee00280cbd4a85751d8de8e0eff51aaa6fadc. "#
      + #"String to sign - 'source=uw&timestamp=1709830648'."}}"#
    let report = try #require(try Self.reports(text).first)
    let stringToSign = try #require(report.stringToSign)
    #expect(stringToSign.text == "source=uw&timestamp=1709830648")
    let start = try Self.offset(of: "source=uw", in: text)
    #expect(stringToSign.origins == Array(start..<start + stringToSign.text.utf8.count))
    let signature = try #require(report.signature)
    let signatureStart = try Self.offset(of: "637ee", in: text)
    #expect(signature.origins == Array(signatureStart..<signatureStart + 40))
    let messageStart = try Self.offset(of: "Invalid", in: text)
    let messageEnd = try Self.offset(of: "\"}}", in: text)
    #expect(report.span == messageStart..<messageEnd)
  }

  @Test("a byte decoded from an escape maps to the escape's backslash")
  func escapeOrigins() throws {
    let text =
      #"{"error":{"message":"Invalid Signature abc. String to sign - 'a=\/x\u0026timestamp=1'."}}"#
    let stringToSign = try #require(try Self.reports(text).first?.stringToSign)
    #expect(stringToSign.text == "a=/x&timestamp=1")
    let bytes = Array(stringToSign.text.utf8)
    let slash = try Self.offset(of: #"\/"#, in: text)
    let ampersand = try Self.offset(of: #"\u0026"#, in: text)
    #expect(stringToSign.origins[bytes.firstIndex(of: UInt8(ascii: "/"))!] == slash)
    #expect(stringToSign.origins[bytes.firstIndex(of: UInt8(ascii: "&"))!] == ampersand)
    #expect(stringToSign.origins[bytes.firstIndex(of: UInt8(ascii: "t"))!] == ampersand + 6)
  }

  @Test("every byte of a string to sign three JSON layers deep maps to the byte it came from")
  func originsThroughThreeLayers() throws {
    let source = try SourceText(
      name: "dump", bytes: Fixtures.bytes("errors/response-dump-three-levels.txt"))
    let report = try #require(try ServerErrorReader.reports(in: source).first)
    let stringToSign = try #require(report.stringToSign)
    let decoded = Array(stringToSign.text.utf8)
    for (index, origin) in stringToSign.origins.enumerated() {
      let original = source.bytes[origin]
      // A byte stands as itself, or it is the first byte of the escape it was decoded from.
      #expect(
        original == decoded[index] || original == UInt8(ascii: "\\"),
        "byte \(index) maps to \(origin)")
    }
    #expect(stringToSign.origins == stringToSign.origins.sorted(), "origins keep their order")
  }

  @Test(
    "a multi-byte line before the paste moves every position one line down", arguments: fixtureNames
  )
  func multiByteLineBefore(_ name: String) throws {
    let text = try Fixtures.text("errors/\(name).txt")
    let prefix = "ошибка 😀 上传失败\n"
    let plain = SourceText(name: "plain", text: text)
    let shifted = SourceText(name: "shifted", text: prefix + text)
    let plainReports = try ServerErrorReader.reports(in: plain)
    let shiftedReports = try ServerErrorReader.reports(in: shifted)
    try #require(plainReports.count == shiftedReports.count)
    let shift = prefix.utf8.count
    for (before, after) in zip(plainReports, shiftedReports) {
      let location = plain.location(ofByte: before.span.lowerBound)
      let moved = shifted.location(ofByte: after.span.lowerBound)
      #expect(moved == SourceLocation(line: location.line + 1, column: location.column))
      #expect(after.span == before.span.lowerBound + shift..<before.span.upperBound + shift)
      #expect(after.stringToSign?.text == before.stringToSign?.text)
      #expect(after.stringToSign?.origins == before.stringToSign?.origins.map { $0 + shift })
      #expect(after.signature?.origins == before.signature?.origins.map { $0 + shift })
    }
  }

  @Test("multi-byte text before the message on its own line moves its column by characters")
  func multiByteTextOnTheLine() throws {
    let message = "Invalid Signature abc. String to sign - 'timestamp=1'."
    let source = SourceText(name: "paste", text: "错误 😀: " + message)
    let report = try #require(try ServerErrorReader.reports(in: source).first)
    #expect(source.location(ofByte: report.span.lowerBound) == SourceLocation(line: 1, column: 7))
    #expect(report.span.lowerBound == "错误 😀: ".utf8.count)
  }

  // MARK: - Decoding exactly the layers

  @Test("HTML unescaping decodes whole entities only: &timestamp= and &times stay")
  func wholeEntitiesOnly() throws {
    let text = "Invalid Signature abc. String to sign - &#39;a=1&timestamp=2&times=3&amp;b=4&#39;."
    let report = try #require(try Self.reports(text).first)
    #expect(report.stringToSign?.text == "a=1&timestamp=2&times=3&b=4")
    #expect(report.layers == ["html-escaped"])
    let entity = try Self.offset(of: "&amp;", in: text)
    let bytes = Array(report.stringToSign!.text.utf8)
    #expect(report.stringToSign!.origins[bytes.lastIndex(of: UInt8(ascii: "&"))!] == entity)
  }

  @Test(
    "Cloudinary's own \\= and \\| stay in the string to sign, and one JSON layer of them decodes to them"
  )
  func cloudinaryEscapesKept() throws {
    let bare =
      #"Invalid Signature abc. String to sign - 'context=checksum=abc\=\=|key=x\|y&timestamp=1'."#
    let wrapped =
      #"{"error":{"message":"Invalid Signature abc. String to sign - 'context=checksum=abc\\=\\=|key=x\\|y&timestamp=1'."}}"#
    let inspected =
      #"{ message: 'Invalid Signature abc. String to sign - \'context=checksum=abc\\=\\=|key=x\\|y&timestamp=1\'.' }"#
    for text in [bare, wrapped, inspected] {
      let report = try #require(try Self.reports(text).first)
      #expect(
        report.stringToSign?.text == #"context=checksum=abc\=\=|key=x\|y&timestamp=1"#, "\(text)")
    }
  }

  @Test("a message repeated in the X-Cld-Error header gives one report with the layer x-cld-error")
  func headerDuplicate() throws {
    let message = "Invalid Signature 0a1b. String to sign - 'timestamp=1500000000'."
    let text =
      "HTTP/1.1 401 Unauthorized\nX-Cld-Error: \(message)\n\n{\"error\":{\"message\":\"\(message)\"}}"
    let reports = try Self.reports(text)
    try #require(reports.count == 1)
    #expect(reports[0].layers == ["json-envelope", "x-cld-error"])
    #expect(reports[0].span.lowerBound == (try Self.offset(of: "{\"error", in: text)) + 21)
    #expect(reports[0].httpStatus == 401)
  }

  @Test("a header alone is a report of its own")
  func headerAlone() throws {
    let reports = try Self.reports("x-cld-error: Unknown API key 1234")
    #expect(reports.map(\.layers) == [["x-cld-error"]])
    #expect(reports.map(\.apiKey) == ["1234"])
  }

  @Test("the same message pasted twice, not as a header, stays two reports")
  func repeatedMessage() throws {
    let message = "Invalid Signature 0a1b. String to sign - 'timestamp=1500000000'."
    #expect(try Self.reports(message + "\n" + message).count == 2)
  }

  @Test("a paste cut inside the string to sign is truncated and keeps what was read")
  func truncation() throws {
    let report = try #require(
      try Self.reports("Invalid Signature abc. String to sign - 'public_id=stu").first)
    #expect(report.isTruncated)
    #expect(report.stringToSign?.text == "public_id=stu")
    let envelope = try #require(
      try Self.reports(#"{"error":{"message":"Invalid Signature abc. Stri"#).first)
    #expect(envelope.isTruncated)
    #expect(envelope.signature?.text == "abc")
    #expect(envelope.stringToSign == nil)
  }

  @Test("a line break after a short line ends the string to sign rather than joining prose")
  func noJoinAfterShortLine() throws {
    let text =
      "Invalid Signature a. String to sign - 'id=x\nI don't know why, the 'timestamp' is fine'."
    let report = try #require(try Self.reports(text).first)
    #expect(report.stringToSign?.text == "id=x")
    #expect(report.isTruncated)
    #expect(report.layers.isEmpty)
  }

  @Test("a long line is not joined with a sentence that merely holds a quote")
  func noJoinWithSentence() throws {
    let line = "Invalid Signature a. String to sign - 'public_id=folder/subfolder/image_name"
    let report = try #require(
      try Self.reports(line + "\nbut the 'timestamp' value looks right to me").first)
    #expect(report.stringToSign?.text == "public_id=folder/subfolder/image_name")
    #expect(report.isTruncated)
  }

  @Test("the bytes of a wrapped string to sign map to both lines")
  func wrappedOrigins() throws {
    let first =
      "> CloudinaryException: Invalid Signature 0b0b. String to sign - 'context=abc|key=variants/ab"
    let text = first + "\n> c123&timestamp=1583160000'.\n"
    let report = try #require(try Self.reports(text).first)
    let stringToSign = try #require(report.stringToSign)
    #expect(stringToSign.text == "context=abc|key=variants/abc123&timestamp=1583160000")
    let c = Array(stringToSign.text.utf8).firstIndex(of: UInt8(ascii: "1"))!
    #expect(stringToSign.origins[c - 1] == first.utf8.count + 3)
    #expect(report.layers == ["quoted-reply", "line-wrapped", "log-prefix"])
  }

  @Test("a string to sign broken by a mail client without quote markers is joined")
  func wrapWithoutMarkers() throws {
    let first =
      "CloudinaryException: Invalid Signature 0b0b. String to sign - 'context=abc|key=variants/ab"
    let report = try #require(
      try Self.reports(first + "\nc123&timestamp=1583160000'.\n\nThanks").first)
    #expect(report.stringToSign?.text == "context=abc|key=variants/abc123&timestamp=1583160000")
    #expect(report.layers == ["line-wrapped", "log-prefix"])
  }

  // MARK: - Messages

  @Test("opening words are matched in any case; what the message carries keeps its bytes")
  func caseOfOpeningWords() throws {
    let report = try #require(
      try Self.reports("INVALID SIGNATURE AbC. string TO sign - 'Public_ID=X'").first)
    #expect(report.kind == .invalidSignature)
    #expect(report.signature?.text == "AbC")
    #expect(report.stringToSign?.text == "Public_ID=X")
  }

  @Test("words in a sentence count only when the paste holds no real message")
  func mentions() throws {
    let real =
      "We get an Invalid Signature error on upload:\nInvalid Signature abc. String to sign - 'timestamp=1'."
    #expect(try Self.reports(real).map(\.signature?.text) == ["abc"])
    let mention = try Self.reports("We get an Invalid Signature error on every upload, please help")
    #expect(mention.map(\.kind) == [.invalidSignature])
    #expect(mention.first?.signature == nil)
    #expect(mention.first?.isTruncated == false)
  }

  @Test("a stale request named in a sentence counts only when nothing else is found")
  func staleMention() throws {
    let sentence = "I think it is a stale request because the clock is off"
    let real = "Invalid Signature abc. String to sign - 'x=1'."
    #expect(try Self.reports(sentence + "\n" + real).map(\.kind) == [.invalidSignature])
    #expect(try Self.reports(sentence).map(\.kind) == [.staleRequest])
    #expect(try Self.reports("java.lang.RuntimeException: Stale request\n" + real).count == 2)
  }

  @Test("an ellipsis standing for a hidden signature is kept whole; one period ends the sentence")
  func ellipsisSignature() throws {
    let hidden = try Self.reports("Invalid Signature ... String to sign - 'timestamp=...'")
    #expect(hidden.map(\.signature?.text) == ["..."])
    let empty = try Self.reports("Invalid Signature . String to sign - 'timestamp=1'.")
    #expect(empty.map(\.signature?.text) == [""])
  }

  @Test("a message right after a \\n escape in a JSON string that holds a log is found")
  func afterEscapedNewline() throws {
    let text = #"{"log":"Upload failed\nInvalid Signature abc. String to sign - 'x=1'.\nnext"}"#
    let report = try #require(try Self.reports(text).first)
    #expect(report.signature?.text == "abc")
    #expect(report.stringToSign?.text == "x=1")
    #expect(!report.isTruncated)
  }

  @Test("a message in Markdown backticks ends at its closing quote")
  func markdownBackticks() throws {
    let text = "The error is `Invalid Signature abc. String to sign - 'x=1'.` every time"
    let report = try #require(try Self.reports(text).first)
    #expect(report.stringToSign?.text == "x=1")
    #expect(!report.isTruncated)
  }

  func order() throws {
    let text = """
      Invalid cloud_name undefined
      {"error":{"message":"Missing required parameter - timestamp"}}
      Stale request - reported time is 2016-12-15 04:02:46 +0000 which is more than 1 hour ago
      Upload preset must be whitelisted for unsigned uploads
      """
    let reports = try Self.reports(text)
    #expect(
      reports.map(\.kind) == [
        .invalidCloudName, .missingParameter, .staleRequest, .presetNotWhitelisted,
      ])
    #expect(reports.map(\.span.lowerBound) == reports.map(\.span.lowerBound).sorted())
    #expect(reports[1].parameter == "timestamp")
    #expect(reports[2].reportedTime == 1_481_774_566)
  }

  @Test("a stale request cut inside its time is truncated; the words alone are not")
  func staleTruncation() throws {
    #expect(try Self.reports("Stale request - reported time").first?.isTruncated == true)
    #expect(
      try Self.reports("Stale request - reported time is 2016-12-15 04:0").first?.isTruncated
        == true)
    let bare = try #require(try Self.reports("Stale request").first)
    #expect(!bare.isTruncated && bare.reportedTime == nil)
  }

  @Test("a stale request's time honours its UTC offset")
  func staleOffset() throws {
    let report = try #require(
      try Self.reports(
        "Stale request - reported time is 2015-06-20 14:59:41 +0200 which is more than 1 hour ago"
      ).first)
    #expect(report.reportedTime == 1_434_805_181)
  }

  @Test(
    "statuses are read from http_code, status code, Code=, (401) and HTTP lines",
    arguments: [
      ("{ message: 'Stale request', http_code: 400 }", 400),
      (#"{"error":{"message":"Stale request"},"http_code":420}"#, 420),
      (
        "Server returned unexpected status code - 403 - {\"error\":{\"message\":\"Stale request\"}}",
        403
      ),
      (
        "Error Domain=com.cloudinary.error Code=400 \"(null)\" UserInfo={message=Stale request}",
        400
      ),
      ("Cloudinary \\ Error (401)\nStale request", 401),
      ("HTTP/1.1 500 Internal Server Error\n\nStale request", 500),
    ])
  func statuses(_ text: String, _ status: Int) throws {
    #expect(try Self.reports(text).first?.httpStatus == status)
  }

  @Test("a number that is no status is not read as one")
  func notAStatus() throws {
    let report = try #require(
      try Self.reports("Invalid Signature 401abc. String to sign - 'timestamp=1401973843&w=401'.")
        .first)
    #expect(report.httpStatus == nil)
  }

  @Test("a bare 401 counts only when nothing else is found")
  func unauthorized() throws {
    let bare = try Self.reports("POST /v1_1/demo/image/upload 401 (Unauthorized)")
    #expect(bare.map(\.kind) == [.unauthorized])
    #expect(bare.map(\.httpStatus) == [401])
    let both = try Self.reports("HTTP 401\nUnknown API key 1234")
    #expect(both.map(\.kind) == [.unknownAPIKey])
  }

  @Test("a paste without a Cloudinary error throws the exact error")
  func noError() throws {
    let source = SourceText(
      name: "notes.txt", text: "The upload works locally but not on the server.\n")
    #expect(
      throws: InputError("notes.txt", .unusable("no Cloudinary error found in the pasted text"))
    ) {
      try ServerErrorReader.reports(in: source)
    }
    do {
      _ = try ServerErrorReader.reports(in: source)
    } catch {
      #expect(error.description == "notes.txt: error: no Cloudinary error found in the pasted text")
    }
  }

  // MARK: - Dates

  @Test(
    "civil dates convert to Unix time, leap years and 1970 included",
    arguments: [
      (CivilTime(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0), 0),
      (CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59), -1),
      (CivilTime(year: 2015, month: 6, day: 20, hour: 12, minute: 59, second: 41), 1_434_805_181),
      (CivilTime(year: 2016, month: 12, day: 15, hour: 4, minute: 2, second: 46), 1_481_774_566),
      (CivilTime(year: 2023, month: 12, day: 19, hour: 23, minute: 7, second: 41), 1_703_027_261),
      (CivilTime(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0), 951_782_400),
      (CivilTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59), 1_709_251_199),
      (CivilTime(year: 1900, month: 3, day: 1, hour: 0, minute: 0, second: 0), -2_203_891_200),
      (CivilTime(year: 2100, month: 3, day: 1, hour: 0, minute: 0, second: 0), 4_107_542_400),
      (CivilTime(year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0), -62_135_596_800),
      (
        CivilTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59), 253_402_300_799
      ),
    ])
  func civilTime(_ time: CivilTime, _ expected: Int) {
    #expect(time.unixTime == expected)
  }

  @Test(
    "impossible dates have no Unix time",
    arguments: [
      CivilTime(year: 2023, month: 2, day: 29, hour: 0, minute: 0, second: 0),
      CivilTime(year: 1900, month: 2, day: 29, hour: 0, minute: 0, second: 0),
      CivilTime(year: 2023, month: 13, day: 1, hour: 0, minute: 0, second: 0),
      CivilTime(year: 2023, month: 4, day: 31, hour: 0, minute: 0, second: 0),
      CivilTime(year: 2023, month: 1, day: 1, hour: 24, minute: 0, second: 0),
      CivilTime(year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0),
    ])
  func impossibleDates(_ time: CivilTime) {
    #expect(time.unixTime == nil)
  }
}
