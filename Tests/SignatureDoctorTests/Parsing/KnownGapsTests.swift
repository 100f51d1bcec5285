import Testing

@testable import SignatureDoctor

/// The gaps docs/usage.md lists under "What sigdoc does not read", pinned as the behaviour
/// it describes, so that the page and the readers cannot drift apart.
struct KnownGapsTests {
  static let signature = "3f786850e387550fdab836ed7e6dc881de23001b"

  @Test("a raw & inside a server value ends a pair there")
  func rawAmpersandSplitsPairs() throws {
    let text = "Invalid Signature \(Self.signature). String to sign - "
      + "'notification_url=https://e.com/h?a=1&b=2&timestamp=1700000000'."
    let report = try #require(ServerErrorReaderTests.reports(text).first)
    let pairs = SignedPair.pairs(in: try #require(report.stringToSign?.text))
    #expect(pairs.map(\.key) == ["notification_url", "b", "timestamp"])
  }

  @Test("columns count code points: a flag emoji before a message is two columns")
  func columnsCountCodePoints() throws {
    let source = SourceText(name: "t", text: "🇫🇷 Invalid")
    #expect(source.location(ofByte: "🇫🇷 ".utf8.count) == SourceLocation(line: 1, column: 4))
  }

  @Test("Node's old '…' + split of a long string reads as cut off")
  func nodeSplitStringIsTruncated() throws {
    let text = "{ message: 'Invalid Signature \(Self.signature). String to sign - \\'folder=a&' +\n"
      + "  'timestamp=1700000000\\'.', http_code: 401 }"
    let report = try #require(ServerErrorReaderTests.reports(text).first)
    #expect(report.isTruncated)
  }

  @Test("in bare text the first '. closes the string to sign")
  func firstQuotePeriodClosesBareText() throws {
    let text = "Invalid Signature \(Self.signature). String to sign - "
      + "'context=caption=He said 'hi'. Bye&timestamp=1700000047'."
    let report = try #require(ServerErrorReaderTests.reports(text).first)
    #expect(report.stringToSign?.text == "context=caption=He said 'hi")
  }

  @Test("a print_r value whose next line looks like a member is read as a member")
  func printRValueLinesReadAsMembers() throws {
    let dump = "Array\n(\n    [context] => caption=one\n    [fake] => two\n    [timestamp] => 1700000000\n)\n"
    let client = try ClientParameterReader.read(SourceText(name: "p.txt", text: dump), format: .phpPrintR)
    #expect(client.parameters.map(\.key) == ["context", "fake", "timestamp"])
  }
}

