import Testing

@testable import SignatureDoctor

struct SourceTextTests {
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
