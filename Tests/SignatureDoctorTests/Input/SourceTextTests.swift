import Testing

@testable import SignatureDoctor

/// Lines and columns of byte offsets: every line break the reader knows, multi-byte text,
/// long lines across the index's blocks, and agreement with counting from the start.
struct SourceTextTests {
  /// The library's location, not Swift Testing's type of the same name.
  typealias SourceLocation = SignatureDoctor.SourceLocation

  /// The location of `offset` counted the slow way, from the start, one byte at a time.
  static func counted(_ offset: Int, in bytes: [UInt8]) -> SourceLocation {
    var line = 1
    var column = 1
    for index in 0..<min(max(offset, 0), bytes.count) {
      let byte = bytes[index]
      let isPairedReturn = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
      if byte == 0x0A || (byte == 0x0D && !isPairedReturn) {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return SourceLocation(line: line, column: column)
  }

  /// The byte offset of the first `needle` in `text`.
  static func offset(of needle: String, in text: String) throws -> Int {
    try #require(ByteSearch.firstIndex(of: Array(needle.utf8), in: Array(text.utf8), from: 0))
  }

  // Regression, audit D14: a lone carriage return ended no line, so a paste with old Mac line
  // endings put every message on line 1.
  @Test("a lone carriage return ends a line, as a line feed and CR LF do (D14)")
  func lineBreaks() throws {
    let cases: [(String, SourceLocation)] = [
      ("first line\rsecond: X", SourceLocation(line: 2, column: 9)),
      ("first line\nsecond: X", SourceLocation(line: 2, column: 9)),
      ("first line\r\nsecond: X", SourceLocation(line: 2, column: 9)),
      ("a\r\rb\n\r\nX", SourceLocation(line: 5, column: 1)),
      ("X", SourceLocation(line: 1, column: 1)),
    ]
    for (text, expected) in cases {
      let source = SourceText(name: "paste", text: text)
      let location = source.location(ofByte: try Self.offset(of: "X", in: text))
      #expect(location == expected, "\(text.debugDescription): \(location), not \(expected)")
    }
  }

  @Test("the carriage return of a CR LF pair stays on the line it ends")
  func pairedReturn() {
    let source = SourceText(name: "paste", text: "ab\r\ncd")
    #expect(source.location(ofByte: 2) == SourceLocation(line: 1, column: 3))
    #expect(source.location(ofByte: 3) == SourceLocation(line: 1, column: 4))
    #expect(source.location(ofByte: 4) == SourceLocation(line: 2, column: 1))
  }

  @Test("columns count Unicode scalars, not bytes, on either side of a block boundary")
  func multiByteColumns() {
    let prefix = String(repeating: "é", count: LineIndex.blockSize)
    let text = prefix + "😀X"
    let source = SourceText(name: "paste", text: text)
    let offset = text.utf8.count - 1
    #expect(
      source.location(ofByte: offset)
        == SourceLocation(line: 1, column: LineIndex.blockSize + 2))
  }

  @Test("offsets past either end are taken as that end")
  func outOfRange() {
    let source = SourceText(name: "paste", text: "ab\ncd")
    #expect(source.location(ofByte: -5) == SourceLocation(line: 1, column: 1))
    #expect(source.location(ofByte: 99) == SourceLocation(line: 2, column: 3))
  }

  @Test("every offset of random text is where counting from the start puts it")
  func agreesWithCounting() {
    var generator = ServerErrorReaderPropertyTests.SplitMix64(seed: "line index")
    let pieces = ["a", "\n", "\r", "\r\n", "é", "東", "😀", " ", "\t"]
    for round in 0..<30 {
      let count = Int.random(in: 0...600, using: &generator)
      let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
      let source = SourceText(name: "random", text: text)
      let bytes = source.bytes
      let wrong = (0...bytes.count).first { offset in
        let expected = Self.counted(offset, in: bytes)
        return source.location(ofByte: offset) != expected
          || SourceLocation(ofByte: offset, in: bytes) != expected
      }
      #expect(wrong == nil, "round \(round): byte \(wrong ?? 0) of \(text.debugDescription)")
    }
  }

  @Test("an error in a text with lone carriage returns names the right line")
  func errorLocation() {
    #expect(
      throws: InputError("paste", at: SourceLocation(line: 3, column: 2), .binary(byte: 0x01))
    ) {
      try SourceText(name: "paste", bytes: Array("a\rb\rc\u{01}".utf8))
    }
  }

  // Regression (audit D2): every location was counted from the start of the input, so a
  // report on 80,000 parameters took minutes. The index must give the same answers.
  @Test("locations from the line index equal those counted from the start")
  func indexAgreesWithCounting() throws {
    // Lines of every length around the index's stride, with multi-byte characters that
    // straddle its blocks, an empty line, and no line feed at the end.
    let pieces = ["a", "é", "東京", "😀", "\n", "\r\n", "xyz", String(repeating: "b", count: 1021)]
    var text = "\n"
    var state: UInt64 = 0x5EED
    for _ in 0..<250 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += pieces[Int(state >> 33) % pieces.count]
    }
    let source = SourceText(name: "t", text: text)
    let bytes = Array(text.utf8)
    #expect(bytes.count > 4 * 1024)
    for offset in Array(stride(from: 0, through: bytes.count, by: 29)) + [bytes.count, -3, bytes.count + 9] {
      let expected = SourceLocation(ofByte: offset, in: bytes)
      #expect(source.location(ofByte: offset) == expected, "at byte \(offset)")
    }
  }

  @Test("an empty text and a text of one line have their locations on line 1")
  func shortTexts() {
    #expect(SourceText(name: "t", text: "").location(ofByte: 0) == SourceLocation(line: 1, column: 1))
    let line = SourceText(name: "t", text: "é=1")
    #expect(line.location(ofByte: 2) == SourceLocation(line: 1, column: 2))
    #expect(line.location(ofByte: 4) == SourceLocation(line: 1, column: 4))
  }
}
