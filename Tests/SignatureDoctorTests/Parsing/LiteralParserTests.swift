import Testing

@testable import SignatureDoctor

struct LiteralParserTests {
  func parse(_ text: String, _ dialect: LiteralDialect = .json) throws(LiteralFailure) -> ParameterValue {
    let bytes = Array(text.utf8)
    var result: ParameterValue = .null(spelling: "")
    try bytes.withBytes { (buffer) throws(LiteralFailure) in
      result = try LiteralParser.value(of: buffer, dialect: dialect)
    }
    return result
  }

  func failure(_ text: String, _ dialect: LiteralDialect = .json) -> LiteralFailure? {
    do {
      _ = try parse(text, dialect)
      return nil
    } catch {
      return error
    }
  }

  @Test("JSON keeps key order, repeated keys, raw numbers and spans")
  func json() throws {
    let value = try parse(#"{"b": 1.0, "a": [true, null], "b": -2e3}"#)
    guard case .map(let members) = value else { Issue.record("not a map"); return }
    #expect(members.map(\.key) == ["b", "a", "b"])
    #expect(members[0].value == .number("1.0"))
    #expect(members[1].value == .list([.boolean(true, spelling: "true"), .null(spelling: "null")]))
    #expect(members[2].value == .number("-2e3"))
    #expect(members[0].keySpan == 1..<4)
    #expect(members[0].valueSpan == 6..<9)
  }

  @Test("escapes decode, surrogate pairs join, and \\/ is a slash")
  func escapes() throws {
    #expect(try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\u{E9}\u{1F600}"))
  }

  @Test("JavaScript objects: bare keys, single quotes, trailing commas, undefined, placeholders")
  func javaScript() throws {
    let value = try parse("{ folder: 'a\\'b', tags: [ 'x', [Object], ], n: undefined, }", .javaScript)
    #expect(value == .map([
      Parameter("folder", .string("a'b"), keySpan: 2..<8, valueSpan: 10..<16),
      Parameter("tags", .list([.string("x"), .string("[Object]")]), keySpan: 18..<22, valueSpan: 24..<42),
      Parameter("n", .null(spelling: "undefined"), keySpan: 44..<45, valueSpan: 47..<56),
    ]))
  }

  @Test("Python reprs: True, False, None and unknown escapes kept")
  func python() throws {
    let value = try parse(#"{'a': True, 'b': None, 'c': 'x\qy', 1: False}"#, .python)
    guard case .map(let members) = value else { Issue.record("not a map"); return }
    #expect(members.map(\.value) == [
      .boolean(true, spelling: "True"), .null(spelling: "None"), .string("x\\qy"), .boolean(false, spelling: "False"),
    ])
    #expect(members.map(\.key) == ["a", "b", "c", "1"])
  }

  @Test("errors say what was expected, and where", arguments: [(String, Int, String)]([
    (#"{"a" 1}"#, 5, "expected ':' after the key 'a', found '1'"),
    (#"{"a":1,}"#, 7, "expected a quoted key after the member 'a', found '}'"),
    (#"{"a":01}"#, 5, "invalid number '01'"),
    (#"{"a":tru}"#, 5, "unknown word 'tru' where a value for 'a' belongs"),
    (#"{"a":"x"#, 5, "unterminated string: no closing double quote"),
    (#"{"a":"\q"}"#, 6, #"invalid escape '\q' in a JSON string"#),
    (#"{"a":"\ud800"}"#, 6, #"lone surrogate '\ud800' cannot be encoded in UTF-8"#),
    ("{\"a\":\"x\ny\"}", 7, "control character U+000A must be escaped in a JSON string"),
    (#"{"a":1} x"#, 8, "unexpected text after the end of the value"),
    ("", 0, "expected a value, found the end of the input"),
  ]))
  func errors(text: String, offset: Int, message: String) {
    #expect(failure(text) == LiteralFailure(offset: offset, problem: .syntax(message)))
  }

  @Test("nesting past the limit is an error, not a stack overflow")
  func depth() {
    let deep = String(repeating: "[", count: 200_000)
    #expect(failure(deep)?.problem == .tooDeep(limit: 128))
    #expect(failure(String(repeating: "{\"a\":", count: 129) + "1" + String(repeating: "}", count: 129))?.problem
      == .tooDeep(limit: 128))
    #expect(failure(String(repeating: "[", count: 128) + String(repeating: "]", count: 128)) == nil)
  }
}
