import Testing

@testable import SignatureDoctor

/// The error-text reader on the defects an audit found (D1 to D14, J2 to J8), each test named
/// after the defect it pins.
struct ServerErrorReaderRegressionTests {
  /// The signature the audit's cases carry.
  static let signature = "3f786850e387550fdab836ed7e6dc881de23001b"

  /// The reports of `text`.
  static func reports(_ text: String) throws -> [ServerReport] {
    try ServerErrorReaderTests.reports(text)
  }

  /// The one report of `text`.
  static func report(_ text: String) throws -> ServerReport {
    let reports = try Self.reports(text)
    try #require(reports.count == 1, "\(reports.count) reports: \(reports)")
    return reports[0]
  }

  /// The invalid-signature message with `stringToSign` between its quotes.
  static func message(_ stringToSign: String) -> String {
    "Invalid Signature \(signature). String to sign - '\(stringToSign)'."
  }

  /// `text` as the message of a JSON envelope, written as it stands (no escaping added).
  static func envelope(_ text: String) -> String {
    #"{"error":{"message":""# + text + #""}}"#
  }

  // MARK: - One decoding per layer

  @Test(
    "D1: an escape left after a JSON string is decoded is the value's, not decoded again",
    arguments: [
      (#"context=caption=caf\\u00e9&t=1700000080"#, #"context=caption=caf\u00e9&t=1700000080"#),
      (#"folder=\\\\fs01\\share&t=1700000060"#, #"folder=\\fs01\share&t=1700000060"#),
      (#"public_id=a\\\"b&timestamp=1"#, #"public_id=a\"b&timestamp=1"#),
    ])
  func jsonDecodedOnce(_ written: String, _ expected: String) throws {
    let report = try Self.report(Self.envelope(Self.message(written)))
    #expect(report.stringToSign?.text == expected)
    #expect(report.layers == ["json-envelope"])
  }

  @Test("D1: a value in Node's util.inspect output is decoded once")
  func nodeInspectDecodedOnce() throws {
    let text =
      #"{ message: 'Invalid Signature abc. String to sign - \'folder=a\\\\b&timestamp=1\'.', "#
      + "http_code: 401 }"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == #"folder=a\\b&timestamp=1"#)
    #expect(report.layers == ["node-inspect"])
  }

  @Test("D1: bare text with a layer of escapes of its own is still decoded once")
  func bareLayerDecodedOnce() throws {
    let report = try Self.report(#"Invalid Signature abc. String to sign - 'a={\"b\"}&t=1'."#)
    #expect(report.stringToSign?.text == #"a={"b"}&t=1"#)
    #expect(report.layers == ["json-string"])
  }

  @Test("D2: a \\n escape inside a JSON string to sign is a line feed of the value")
  func escapedNewlineInValue() throws {
    let report = try Self.report(
      Self.envelope(Self.message(#"context=caption=line1\nline2&timestamp=1700000077"#)))
    #expect(report.stringToSign?.text == "context=caption=line1\nline2&timestamp=1700000077")
    #expect(!report.isTruncated)
  }

  @Test("D2: in a JSON string holding a log, each message ends at its own closing quote")
  func escapedNewlineBetweenMessages() throws {
    let text =
      #"{"log":"Upload \"a\" failed\n"# + Self.message(#"a=1\nb"#) + #"\n"#
      + Self.message("c=2") + #"\nretrying 'later'."}"#
    let reports = try Self.reports(text)
    #expect(reports.map(\.stringToSign?.text) == ["a=1\nb", "c=2"])
    #expect(reports.map(\.isTruncated) == [false, false])
  }

  @Test("J2: inside a JSON string, a '. within a value does not end the string to sign")
  func quotePeriodInsideFrame() throws {
    let value = "context=caption=He said 'hi'. Bye|alt=x&timestamp=1700000047"
    let report = try Self.report(Self.envelope(Self.message(value)))
    #expect(report.stringToSign?.text == value)
    #expect(!report.isTruncated)
  }

  @Test("J2: in bare text the first '. that can end the message still ends it")
  func quotePeriodInBareText() throws {
    let text = Self.message("folder=a") + " I also tried 'folder=b'."
    #expect(try Self.report(text).stringToSign?.text == "folder=a")
  }

  // MARK: - The grammar

  @Test("D7: prose naming the message before it stays out of the signature")
  func nearestOpeningWords() throws {
    let text = "Still seeing Invalid Signature: " + Self.message("timestamp=1700000115")
    let report = try Self.report(text)
    #expect(report.signature?.text == Self.signature)
    #expect(report.span.lowerBound == "Still seeing Invalid Signature: ".utf8.count)
    #expect(report.layers == ["log-prefix"])
  }

  @Test(
    "D8: the words Stale request inside a sentence are no message",
    arguments: [
      "The server also said Stale request yesterday.",
      "Getting Invalid Signature while uploading. Stale request too.",
      "Stale request - please help",
    ])
  func staleRequestInProse(_ sentence: String) throws {
    let reports = try Self.reports(Self.message("timestamp=1700000112") + "\n" + sentence)
    #expect(reports.map(\.kind) == [.invalidSignature])
  }

  @Test(
    "D8: a stale request that stands alone or is cut after its dash is still a message",
    arguments: [
      ("java.lang.RuntimeException: Stale request", false),
      (#"{"error":"Stale request"}"#, false),
      ("Stale request - ", true),
      ("Stale request - reported time is 2024-01-0", true),
    ])
  func staleRequestShapes(_ text: String, _ isTruncated: Bool) throws {
    let reports = try Self.reports(Self.message("timestamp=1") + "\n" + text)
    #expect(reports.map(\.kind) == [.invalidSignature, .staleRequest])
    #expect(reports.last?.isTruncated == isTruncated)
  }

  @Test("D12: no-break and other Unicode spaces between the message's words are spaces")
  func unicodeSpaces() throws {
    let text =
      "Invalid\u{A0}Signature\u{2009}\(Self.signature).\u{A0}String\u{A0}to\u{3000}sign"
      + "\u{A0}-\u{202F}'caption=a\u{A0}b&timestamp=1700000064'."
    let report = try Self.report(text)
    #expect(report.signature?.text == Self.signature)
    #expect(report.stringToSign?.text == "caption=a\u{A0}b&timestamp=1700000064")
  }

  @Test("D12: Unicode spaces between the words of the other messages are spaces too")
  func unicodeSpacesElsewhere() throws {
    let text = """
      Stale\u{A0}request\u{A0}-\u{A0}reported\u{A0}time\u{A0}is\u{A0}2015-06-20 12:59:41\u{A0}+0000
      Upload\u{A0}preset\u{A0}must\u{A0}be\u{A0}whitelisted\u{A0}for\u{A0}unsigned\u{A0}uploads
      Missing\u{A0}required\u{A0}parameter\u{A0}-\u{A0}api_key
      """
    let reports = try Self.reports(text)
    #expect(reports.map(\.kind) == [.staleRequest, .presetNotWhitelisted, .missingParameter])
    #expect(reports.first?.reportedTime == 1_434_805_181)
    #expect(reports.last?.parameter == "api_key")
  }

  @Test("J4: curly quotes from a word processor delimit the string to sign")
  func curlyQuotes() throws {
    let text = "Invalid Signature abc. String to sign - \u{2018}caption=it\u{2019}s&t=1\u{2019}."
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "caption=it\u{2019}s&t=1")
    #expect(!report.isTruncated)
  }

  @Test("J6: an unquoted string to sign loses the period that ends its sentence")
  func unquotedFinalPeriod() throws {
    let report = try Self.report(
      "Invalid Signature abc. String to sign - folder=a&timestamp=1700000120.")
    #expect(report.stringToSign?.text == "folder=a&timestamp=1700000120")
    let masked = try Self.report("Invalid Signature abc. String to sign ...")
    #expect(masked.stringToSign?.text == "...")
  }

  @Test("J8: a quoted unknown API key is read without its quotes")
  func quotedAPIKey() throws {
    #expect(try Self.report("Unknown API key '123456789012345'").apiKey == "123456789012345")
    #expect(try Self.report(#"Invalid cloud_name "demo""#).cloudName == "demo")
    #expect(try Self.report("Unknown API key 1234").apiKey == "1234")
  }

  // MARK: - Headers

  @Test("D9: Go's printed header map is an X-Cld-Error header")
  func goHeaderMap() throws {
    let message = Self.message("timestamp=1700000101")
    let text =
      "map[Content-Type:[application/json; charset=utf-8] X-Cld-Error:[\(message)]]\n"
      + Self.envelope(message)
    let report = try Self.report(text)
    #expect(report.layers == ["json-envelope", "x-cld-error"])
  }

  @Test("D6: with two curl exchanges in one paste, each report gets its own exchange's status")
  func statusesOfTwoExchanges() throws {
    let stale =
      "Stale request - reported time is 2024-01-01 00:00:00 +0000 which is more than 1 hour ago"
    let invalid = Self.message("timestamp=1704070000")
    let text = """
      HTTP/2 400
      x-cld-error: \(stale)

      \(Self.envelope(stale))
      $ curl -i -X POST https://api.cloudinary.com/v1_1/demo/image/upload -F timestamp=1704070000
      HTTP/2 401
      x-cld-error: \(invalid)

      \(Self.envelope(invalid))
      """
    let reports = try Self.reports(text)
    #expect(reports.map(\.kind) == [.staleRequest, .invalidSignature])
    #expect(reports.map(\.httpStatus) == [400, 401])
  }

  @Test("D13: the messages of one long string each take the status nearest to them")
  func statusesInOneString() throws {
    let escaped = { (text: String) in text.replacingAll("'", with: #"\u0027"#) }
    let text =
      #"{"log":"upload 1: "# + escaped(Self.message("timestamp=1")) + #" http_code: 400\n"#
      + "the next upload, number 2: " + escaped(Self.message("timestamp=2"))
      + #" http_code: 401"}"#
    #expect(try Self.reports(text).map(\.httpStatus) == [400, 401])
  }

  @Test("D10: a complete X-Cld-Error header next to a cut-off body is one complete report")
  func headerWithCutBody() throws {
    let message = Self.message("folder=a&timestamp=1700000102")
    let cut = String(Self.envelope(message).prefix(120))
    let text = "HTTP/2 401\nx-cld-error: \(message)\n\n\(cut)"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "folder=a&timestamp=1700000102")
    #expect(!report.isTruncated)
    #expect(report.layers == ["x-cld-error"])
    #expect(report.httpStatus == 401)
  }

  @Test("D10: a cut-off header next to a complete body folds into the body")
  func cutHeaderWithBody() throws {
    let message = Self.message("folder=a&timestamp=1700000102")
    let text = "x-cld-error: \(message.prefix(90))\n\n\(Self.envelope(message))"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "folder=a&timestamp=1700000102")
    #expect(report.layers == ["json-envelope", "x-cld-error"])
  }

  @Test("D10: a cut-off copy of another string to sign stays a report of its own")
  func cutHeaderOfAnotherMessage() throws {
    let text =
      "x-cld-error: \(Self.message("folder=b&timestamp=1").prefix(90))\n"
      + Self.envelope(Self.message("folder=a&timestamp=1700000102"))
    #expect(try Self.reports(text).count == 2)
  }

  // MARK: - HTML layers

  @Test("D3: entities in a message whose own quotes are raw are the value's and stay")
  func entitiesOfTheValue() throws {
    let report = try Self.report(
      Self.envelope(Self.message("context=caption=Tom &amp; Jerry&timestamp=1700000140")))
    #expect(report.stringToSign?.text == "context=caption=Tom &amp; Jerry&timestamp=1700000140")
    #expect(report.layers == ["json-envelope"])
    let url = try Self.report(Self.message("notification_url=https://e.com/h?a=1&amp;b=2&t=1"))
    #expect(url.stringToSign?.text == "notification_url=https://e.com/h?a=1&amp;b=2&t=1")
  }

  @Test("D3: entities in a message whose quotes are entities are decoded, whole ones only")
  func entitiesOfThePage() throws {
    let text =
      "<p>Invalid Signature abc. String to sign - &#39;caption=a&amp;lt;&amp;times=1"
      + "&timestamp=2&#39;.</p>"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "caption=a&lt;&times=1&timestamp=2")
    #expect(report.layers == ["html-escaped", "log-prefix"])
  }

  @Test("D3: a page that escaped & and \" but left ' as typed is still read as HTML")
  func quoteLeftAsTyped() throws {
    let envelope =
      "{&quot;error&quot;:{&quot;message&quot;:&quot;"
      + Self.message("public_id=a&amp;timestamp=1") + "&quot;}}"
    let report = try Self.report("<pre>" + envelope + "</pre>")
    #expect(report.stringToSign?.text == "public_id=a&timestamp=1")
    #expect(report.layers == ["html-escaped", "json-envelope"])
    let bare = try Self.report("<p>" + Self.message("public_id=a&amp;timestamp=1") + "</p>")
    #expect(bare.stringToSign?.text == "public_id=a&timestamp=1")
  }

  @Test("D4: a page escaped twice is decoded twice, each layer once")
  func doubleEscapedPage() throws {
    let text =
      "<pre>{&amp;quot;error&amp;quot;:{&amp;quot;message&amp;quot;:&amp;quot;Invalid "
      + "Signature \(Self.signature). String to sign - &amp;#39;public_id=a&amp;amp;"
      + "timestamp=1700000021&amp;#39;.&amp;quot;}}</pre>"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "public_id=a&timestamp=1700000021")
    #expect(report.layers == ["html-escaped", "json-envelope"])
    let origin = try #require(report.stringToSign?.origins[11])
    let entity = try ServerErrorReaderTests.offset(of: "&amp;amp;", in: text)
    #expect(origin == entity, "the & of the pair maps to its entity's first byte")
  }

  @Test("D4: quotes escaped once keep an &amp; the string to sign held")
  func contentEntityUnderOneLayer() throws {
    let text = "<pre>" + "Invalid Signature abc. String to sign - &#39;a=1&amp;amp;t=2&#39;.</pre>"
    #expect(try Self.report(text).stringToSign?.text == "a=1&amp;t=2")
  }

  @Test("D3: a raw message and a page's message in one paste are each decoded as they show")
  func mixedPaste() throws {
    let raw = Self.envelope(Self.message("caption=Tom &amp; Jerry&timestamp=1"))
    let page = "<p>" + Self.message("public_id=a&timestamp=2").replacingAll("'", with: "&#39;")
    let reports = try Self.reports(raw + "\n" + page + "</p>\n")
    #expect(
      reports.map(\.stringToSign?.text) == [
        "caption=Tom &amp; Jerry&timestamp=1", "public_id=a&timestamp=2",
      ])
    #expect(reports.map(\.layers) == [["json-envelope"], ["html-escaped", "log-prefix"]])
  }

  // MARK: - Terminal escapes

  @Test(
    "D5: terminal colour codes around the message are a layer outside it",
    arguments: [
      "\u{1B}[1;31m" + message("timestamp=1700000063") + "\u{1B}[0m\n",
      "\u{1B}[31merror\u{1B}[0m: " + message("timestamp=1700000063") + "\u{1B}[0m",
      "\u{1B}]8;;https://x.io\u{07}link\u{1B}]8;;\u{1B}\\ " + message("timestamp=1700000063"),
      "\u{1B}(B\u{1B}[?25l" + message("timestamp=1700000063") + "\u{1B}[K",
    ])
  func terminalEscapes(_ text: String) throws {
    let source = try SourceText(name: "paste", bytes: Array(text.utf8))
    let reports = try ServerErrorReader.reports(in: source)
    #expect(reports.map(\.stringToSign?.text) == ["timestamp=1700000063"])
    #expect(reports.map(\.isTruncated) == [false])
    let start = try ServerErrorReaderTests.offset(of: "Invalid", in: text)
    #expect(reports.map(\.span.lowerBound) == [start], "positions point into the paste")
  }

  @Test("D5: a bell outside a terminal command is still binary")
  func bellAlone() {
    let location = SignatureDoctor.SourceLocation(line: 1, column: 2)
    #expect(throws: InputError("paste", at: location, .binary(byte: 7))) {
      try SourceText(name: "paste", bytes: Array("a\u{07}b".utf8))
    }
  }

  // MARK: - Bare statuses

  @Test(
    "D11: a bare 401 as HTTP clients print it is an unauthorized report",
    arguments: [
      "AxiosError: Request failed with status code 401",
      "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: "
        + "https://api.cloudinary.com/v1_1/demo/image/upload",
      "Failed to load resource: the server responded with a status of 401 ()",
    ])
  func bareUnauthorized(_ text: String) throws {
    let report = try Self.report(text)
    #expect(report.kind == .unauthorized)
    #expect(report.httpStatus == 401)
    #expect(report.span.lowerBound == (try ServerErrorReaderTests.offset(of: "401", in: text)))
  }

  @Test(
    "D11: a 401 in prose is no status",
    arguments: [
      "We uploaded 401 photos before it broke",
      "see the code 401 lines below",
      "the substatus 401 field",
    ])
  func proseNumber(_ text: String) {
    let error = InputError("paste.txt", .unusable("no Cloudinary error found in the pasted text"))
    #expect(throws: error) {
      try Self.reports(text)
    }
  }

  // MARK: - String literals

  @Test("J8: a \\t in the string of an Elixir error tuple is a tab, like its other escapes")
  func elixirTab() throws {
    let text = #"right: {:error, "Invalid Signature abc. String to sign - 'caption=a\tb&t=1'."}"#
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == "caption=a\tb&t=1")
  }

  @Test("a header's value on its own line is raw: its \\\" is the value's and matches the body")
  func rawHeaderLine() throws {
    let value = #"context=alt=\"Y\"&timestamp=1"#
    let body = JSONValue.object(["error": .object(["message": .string(Self.message(value))])])
    let text = "HTTP/2 401\nx-cld-error: \(Self.message(value))\n\n\(body.compact)"
    let report = try Self.report(text)
    #expect(report.stringToSign?.text == value)
    #expect(report.layers == ["json-envelope", "x-cld-error"])
  }
}
