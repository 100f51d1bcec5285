import Foundation
import Testing

@testable import SignatureDoctor

/// The client parameter reader: every fixture against its golden file, then detection,
/// forcing, errors, positions, spellings and limits.
struct ClientParameterReaderTests {
  /// The fixtures in `Fixtures/params`, without their expected files and the README.
  static let fixtures: [String] = {
    let names = (try? Fixtures.files(in: "params")) ?? []
    return names.filter { !$0.hasSuffix(".expected.json") && $0 != "README.md" }
  }()

  /// Reads `text` named `params.txt`.
  static func read(_ text: String, format: ClientEvidence.Format? = nil) throws -> ClientEvidence {
    try ClientParameterReader.read(SourceText(name: "params.txt", text: text), format: format)
  }

  /// The error line that reading `text` throws, or `nil` when it reads.
  static func errorLine(_ text: String, format: ClientEvidence.Format? = nil) -> String? {
    do {
      _ = try read(text, format: format)
      return nil
    } catch {
      return (error as? InputError)?.description ?? "not an InputError: \(error)"
    }
  }

  @Test("there are at least 15 fixtures, each with an expected file")
  func fixtureCount() throws {
    #expect(Self.fixtures.count >= 15)
    let all = try Fixtures.files(in: "params")
    for name in Self.fixtures {
      #expect(all.contains(Self.expectedName(name)), "no expected file for \(name)")
    }
  }

  @Test(
    "each fixture reads to its expected JSON (SIGDOC_RECORD=1 rewrites it)", arguments: fixtures)
  func golden(_ name: String) throws {
    let source = try SourceText(name: name, bytes: Fixtures.bytes("params/" + name))
    let rendered = try ClientParameterReader.read(source).json(in: source).pretty
    let expectedPath = Fixtures.path("params/" + Self.expectedName(name))
    if ProcessInfo.processInfo.environment["SIGDOC_RECORD"] == "1" {
      try FileBytes.write(rendered, to: expectedPath)
      Issue.record("recorded \(Self.expectedName(name)); run again without SIGDOC_RECORD")
      return
    }
    let expected = try Fixtures.text("params/" + Self.expectedName(name))
    #expect(rendered == expected)
  }

  static func expectedName(_ fixture: String) -> String {
    let stem = fixture.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(
      separator: ".")
    return stem + ".expected.json"
  }

  // MARK: - Detection

  struct DetectionCase: CustomTestStringConvertible, Sendable {
    let text: String
    let format: ClientEvidence.Format
    var testDescription: String { "\(format.rawValue): \(text.prefix(40))" }
  }

  static let detectionCases: [DetectionCase] = [
    DetectionCase(text: #"{"folder": "a", "timestamp": 1}"#, format: .json),
    DetectionCase(text: "{ folder: 'a', timestamp: 1 }", format: .javaScript),
    DetectionCase(text: "Object { folder: \"a\", timestamp: 1 }", format: .javaScript),
    DetectionCase(text: #"{"folder": "a", "eager": undefined}"#, format: .javaScript),
    DetectionCase(text: "{'folder': 'a', 'timestamp': 1}", format: .python),
    DetectionCase(text: #"{"folder": "a", "overwrite": True}"#, format: .python),
    DetectionCase(text: "OrderedDict({'folder': 'a'})", format: .python),
    DetectionCase(text: "Array\n(\n    [folder] => a\n)\n", format: .phpPrintR),
    DetectionCase(text: "stdClass Object\n(\n    [folder] => a\n)\n", format: .phpPrintR),
    DetectionCase(
      text: "array(1) {\n  [\"folder\"]=>\n  string(1) \"a\"\n}\n", format: .phpVarDump),
    DetectionCase(text: "array (\n  'folder' => 'a',\n)", format: .phpVarExport),
    DetectionCase(text: "['folder' => 'a']", format: .phpVarExport),
    DetectionCase(text: "folder=a%2Fb&timestamp=1", format: .form),
    DetectionCase(text: "folder=a+b&timestamp=1", format: .form),
    DetectionCase(text: "tags[]=a&timestamp=1", format: .form),
    DetectionCase(text: "?folder=a&timestamp=1", format: .form),
    DetectionCase(text: "/v1_1/demo/image/upload?folder=a", format: .form),
    DetectionCase(text: "folder=avatars&timestamp=1685544025", format: .stringToSign),
    DetectionCase(text: "context=a%26b&timestamp=1", format: .stringToSign),
    DetectionCase(text: "folder=a/b%20c&timestamp=1", format: .stringToSign),
    DetectionCase(text: "to_sign = 'folder=a&timestamp=1'", format: .stringToSign),
    DetectionCase(text: "\"folder=a%2Fb&timestamp=1\"", format: .stringToSign),
  ]

  @Test("the format is detected from the text", arguments: detectionCases)
  func detection(_ example: DetectionCase) throws {
    #expect(try Self.read(example.text).format == example.format)
  }

  @Test("text in no known format is refused with a hint at --params-format")
  func unknownFormat() {
    #expect(
      Self.errorLine("  hello world\n")
        == "params.txt:1:3: error: cannot tell the format of the parameters; "
        + "expected JSON, a JavaScript or Python object, PHP print_r, var_dump or var_export output, "
        + "a form body "
        + "or a string to sign (choose one with --params-format)")
  }

  @Test("a forced format overrides detection")
  func forcedFormat() throws {
    let form = "folder=a%2Fb&timestamp=1"
    let logged = try Self.read(form, format: .stringToSign)
    #expect(logged.format == .stringToSign)
    #expect(logged.loggedStringToSign?.text == form)
    #expect(logged.parameters.isEmpty)

    let decoded = try Self.read("folder=avatars&timestamp=1", format: .form)
    #expect(decoded.parameters.map(\.key) == ["folder", "timestamp"])
    #expect(decoded.notes == ["URL-decoded from a form body"])

    let python = try Self.read(#"{"a": "b"}"#, format: .python)
    #expect(python.format == .python)
    #expect(python.parameters == [Parameter("a", .string("b"), keySpan: 1..<4, valueSpan: 6..<9)])

    #expect(
      Self.errorLine(#"{"a": 1}"#, format: .phpVarDump)
        == "params.txt:1:1: error: expected a var_dump "
        + "value such as 'string(7) \"avatars\"', 'int(5)', 'bool(true)', 'NULL' or 'array(1) {', "
        + "found '{'"
    )
  }

  @Test("format names for --params-format")
  func formatNames() {
    let names: [String: ClientEvidence.Format] = [
      "json": .json, "javascript": .javaScript, "js": .javaScript, "python": .python, "py": .python,
      "php-print-r": .phpPrintR, "php-var-dump": .phpVarDump, "php-var-export": .phpVarExport,
      "form": .form, "query": .form, "string-to-sign": .stringToSign,
    ]
    for (name, format) in names { #expect(ClientParameterReader.format(named: name) == format) }
    #expect(ClientParameterReader.format(named: "yaml") == nil)
    #expect(ClientParameterReader.format(named: "JSON") == nil)
  }

  // MARK: - Labels and wrappers

  @Test("a label line, an assignment and a final semicolon are set aside")
  func labels() throws {
    let labelled = try Self.read("params_to_sign:\n{\"timestamp\": 1}\n")
    #expect(labelled.format == .json)
    #expect(labelled.notes == ["read what follows the label 'params_to_sign:'"])
    #expect(labelled.parameters.first?.keySpan == 17..<28)

    let assigned = try Self.read("$params = array('folder' => 'a');")
    #expect(assigned.format == .phpVarExport)
    #expect(
      assigned.parameters == [
        Parameter("folder", .string("a"), keySpan: 16..<24, valueSpan: 28..<31)
      ])

    #expect(
      Self.errorLine("String to sign:   \n") == "params.txt:1:1: error: expected parameters after "
        + "the label 'String to sign:', found nothing")
  }

  @Test("a label before a URL leaves a query string, and a URL is not taken for a label")
  func labelBeforeURL() throws {
    let text =
      "Request URL: https://api.example.com/v1_1/demo/image/upload?timestamp=1&folder=a%2Fb"
    let evidence = try Self.read(text)
    #expect(evidence.format == .form)
    #expect(
      evidence.notes == [
        "read what follows the label 'Request URL:'",
        "URL-decoded from a query string",
        "skipped 'https://api.example.com/v1_1/demo/image/upload' before '?'",
      ])
    #expect(evidence.parameters.map(\.value) == [.string("1"), .string("a/b")])
    #expect(try Self.read("https://example.com/upload?folder=a").notes.count == 2)
  }

  @Test("a lone 'data' wrapper is opened, a lone ordinary parameter is not")
  func wrappers() throws {
    let wrapped = try Self.read("{ data: { timestamp: 1, source: 'uw' } }")
    #expect(wrapped.parameters.map(\.key) == ["timestamp", "source"])
    #expect(wrapped.notes == ["read the parameters inside 'data'"])

    let single = try Self.read(#"{"context": {"alt": "x"}}"#)
    #expect(single.parameters.map(\.key) == ["context"])
    #expect(single.notes.isEmpty)
  }

  // MARK: - Errors

  @Test("malformed JSON names the line, column and what was expected")
  func malformedJSON() {
    #expect(
      Self.errorLine("{\n  \"folder\": \"a\"\n  \"timestamp\": 1\n}") == "params.txt:3:3: error: "
        + "expected ',' or '}' after the value of 'folder', found '\"'")
    #expect(
      Self.errorLine(#"{"a": 1}"# + " x", format: .json)
        == "params.txt:1:10: error: unexpected text "
        + "after the end of the value")
    #expect(
      Self.errorLine("[1, 2]")
        == "params.txt:1:1: error: expected named parameters (an object, a dict "
        + "or an array with keys), found a list")
  }

  @Test("malformed PHP names the line, column and what was expected")
  func malformedPHP() {
    #expect(
      Self.errorLine("Array\n    [folder] => a\n)", format: .phpPrintR) == "params.txt:2:5: error: "
        + "expected '(' after 'Array', found '['")
    #expect(
      Self.errorLine("Array\n(\n    [folder] => a\n")
        == "params.txt:3:18: error: expected a member "
        + "such as '[folder] => avatars' or the ')' that closes the array at 1:1, "
        + "found the end of the input"
    )
    #expect(
      Self.errorLine("array(1) {\n  [\"n\"]=>\n  int(5\n}")
        == "params.txt:3:8: error: expected ')' "
        + "after int(5, found a line break")
    #expect(
      Self.errorLine("array(1) {\n  [\"s\"]=>\n  string(9) \"abc\n}") == "params.txt:3:3: error: "
        + "expected the 9 bytes of string(9) and a closing double quote")
    #expect(
      Self.errorLine("array (\n  'a' => 'b'\n  'c' => 'd',\n)")
        == "params.txt:3:3: error: expected "
        + "',' or ')' after the value of 'a', found \"'\"")
    #expect(
      Self.errorLine("array (\n  'a' => maybe,\n)")
        == "params.txt:2:10: error: unknown word 'maybe' "
        + "where a value for 'a' belongs")
  }

  @Test("a malformed form body names the line, column and what was expected")
  func malformedForm() {
    #expect(
      Self.errorLine("folder=a%2&timestamp=1", format: .form)
        == "params.txt:1:9: error: expected two "
        + "hexadecimal digits after '%', found '%2'")
    #expect(
      Self.errorLine("folder=a&=x", format: .form)
        == "params.txt:1:10: error: expected a parameter "
        + "name before '='")
    #expect(
      Self.errorLine("tags%5B=a&timestamp=1") == "params.txt:1:5: error: expected ']' to close '[' "
        + "in the key 'tags['")
    #expect(
      Self.errorLine("a[b]c=1", format: .form)
        == "params.txt:1:5: error: expected '[' or '=' after ']' "
        + "in the key 'a[b]c'")
    #expect(
      Self.errorLine("folder=%C3%28&x=%2F")
        == "params.txt:1:8: error: expected percent-escapes that "
        + "decode to UTF-8 text, found '%C3'")
  }

  // MARK: - Values and positions

  @Test("raw spellings of numbers, booleans and nulls are kept")
  func spellings() throws {
    let json = try Self.read(#"{"a": 1.0, "b": 1e3, "c": -0, "d": true, "e": null}"#)
    #expect(
      json.parameters.map(\.value) == [
        .number("1.0"), .number("1e3"), .number("-0"), .boolean(true, spelling: "true"),
        .null(spelling: "null"),
      ])
    let python = try Self.read("{'a': True, 'b': None, 'c': 1.50}")
    #expect(
      python.parameters.map(\.value) == [
        .boolean(true, spelling: "True"), .null(spelling: "None"), .number("1.50"),
      ])
    let node = try Self.read("{ a: undefined, b: false }")
    #expect(
      node.parameters.map(\.value) == [
        .null(spelling: "undefined"), .boolean(false, spelling: "false"),
      ])
    let export = try Self.read("array ('a' => NULL, 'b' => TRUE, 'c' => 1.0E+25, 'd' => -INF)")
    #expect(
      export.parameters.map(\.value) == [
        .null(spelling: "NULL"), .boolean(true, spelling: "TRUE"), .number("1.0E+25"),
        .number("-INF"),
      ])
    let dump = try Self.read(
      "array(3) {\n  [\"a\"]=>\n  float(1)\n  [\"b\"]=>\n  bool(false)\n  [\"c\"]=>\n  NULL\n}")
    #expect(
      dump.parameters.map(\.value) == [
        .number("1"), .boolean(false, spelling: "false"), .null(spelling: "NULL"),
      ])
    let printR = try Self.read("Array\n(\n    [a] => 1\n    [b] => \n)\n")
    #expect(printR.parameters.map(\.value) == [.string("1"), .string("")])
  }

  @Test("positions count characters after multi-byte text")
  func multiByteLocations() throws {
    let text = "{\"été€\": \"ü\", \"folder\": \"x\"}"
    let source = SourceText(name: "params.txt", text: text)
    let evidence = try ClientParameterReader.read(source)
    let folder = try #require(evidence.parameters.last?.keySpan)
    #expect(source.location(ofByte: folder.lowerBound) == SourceLocation(line: 1, column: 15))

    let form = SourceText(name: "form.txt", text: "caption=%C3%A9t%C3%A9&tags[]=ü&data[folder]=x")
    let parameters = try ClientParameterReader.read(form, format: .form).parameters
    #expect(parameters.map(\.key) == ["caption", "tags", "data"])
    let nested = try #require(
      parameters.last.flatMap { value -> Parameter? in
        if case .map(let members) = value.value { return members.first }
        return nil
      })
    #expect(nested.key == "folder")
    #expect(
      form.location(ofByte: try #require(nested.keySpan).lowerBound)
        == SourceLocation(line: 1, column: 37))

    let printR = SourceText(name: "p.txt", text: "Array\n(\n    [ä] => ö\n    [folder] => x\n)\n")
    let members = try ClientParameterReader.read(printR).parameters
    #expect(
      printR.location(ofByte: try #require(members.last?.keySpan).lowerBound)
        == SourceLocation(line: 4, column: 6))
    #expect(members.first?.value == .string("ö"))

    let export = SourceText(name: "e.php", text: "array ('é' => 'ü', 'folder' => 'x')")
    let exported = try ClientParameterReader.read(export).parameters
    #expect(
      export.location(ofByte: try #require(exported.last?.keySpan).lowerBound)
        == SourceLocation(line: 1, column: 20))

    #expect(
      Self.errorLine("{\"é\": \"ü\",\n \"ß\": \"€\" x}")
        == "params.txt:2:11: error: expected ',' or '}' "
        + "after the value of 'ß', found 'x'")
  }

  @Test("a logged string is kept byte for byte, with origins in the input")
  func loggedString() throws {
    let text = "String to sign: 'eager=w_400,c_pad|w_260&folder=a/b&timestamp=1 '\n"
    let evidence = try Self.read(text)
    let logged = try #require(evidence.loggedStringToSign)
    #expect(logged.text == "eager=w_400,c_pad|w_260&folder=a/b&timestamp=1 ")
    #expect(logged.origins.first == 17)
    #expect(logged.origins.last == 63)
    #expect(evidence.parameters.isEmpty)
    #expect(
      evidence.notes == [
        "read what follows the label 'String to sign:'",
        "removed the quotes around the string to sign",
        "the string to sign ends with white space, which is kept",
      ])
    #expect(evidence.canonicalStringToSign == logged.text)
  }

  @Test("repeated keys are reported once each, in order of their second appearance, by code point")
  func repeatedKeys() throws {
    let evidence = try Self.read(
      "{\"b\": 1, \"a\": 2, \"a\": 3, \"b\": 4, \"a\": 5, \"\u{E9}\": 6, \"e\u{301}\": 7}")
    #expect(evidence.repeatedKeys == ["a", "b"])
    #expect(evidence.parameters.count == 7)
    let form = try Self.read("folder=a&folder=b&tags[]=x&tags[]=y", format: .form)
    #expect(form.repeatedKeys == ["folder"])
  }

  @Test("form brackets nest as a server reads them")
  func formNesting() throws {
    let evidence = try Self.read(
      "a[0]=x&a[1]=y&b[]=1&b[]=2&c[][k]=1&c[][v]=2&c[][k]=3&d=1&d[e]=2", format: .form)
    #expect(evidence.parameters.map(\.key) == ["a", "b", "c", "d", "d"])
    #expect(
      evidence.parameters[0].value
        == .map([
          Parameter("0", .string("x"), keySpan: 2..<3, valueSpan: 5..<6),
          Parameter("1", .string("y"), keySpan: 9..<10, valueSpan: 12..<13),
        ]))
    #expect(evidence.parameters[1].value == .list([.string("1"), .string("2")]))
    guard case .list(let maps) = evidence.parameters[2].value else {
      Issue.record("c is not a list")
      return
    }
    #expect(maps.count == 2)
    #expect(evidence.repeatedKeys == ["d"])
  }

  @Test("a var_dump string whose length does not fit is read to the quote that ends its line")
  func varDumpLengthMismatch() throws {
    let evidence = try Self.read("array(1) {\n  [\"caption\"]=>\n  string(3) \"a\r\nb\"\n}")
    #expect(evidence.parameters.first?.value == .string("a\r\nb"))
    #expect(
      evidence.notes == [
        "string(3) at 3:3 holds 4 bytes, not 3; it was read up to the quote that ends its line"
      ])
  }

  // Regression (audit D7): with line breaks turned into `\r\n`, the byte that `string(12)`
  // points at was the quote inside `"hi"`, which was taken as the closing one, and the
  // reader then failed on the next quote.
  @Test("a var_dump quote inside the value where the length points is not taken as the end")
  func varDumpQuoteInsideValue() throws {
    let dump = "array(2) {\n  [\"caption\"]=>\n  string(12) \"He said\n\"hi\"\"\n"
      + "  [\"timestamp\"]=>\n  string(1) \"1\"\n}\n"
    let evidence = try Self.read(dump.replacingAll("\n", with: "\r\n"))
    #expect(evidence.parameters.map(\.key) == ["caption", "timestamp"])
    #expect(evidence.parameters.first?.value == .string("He said\r\n\"hi\""))
    #expect(
      evidence.notes == [
        "string(12) at 3:3 holds 13 bytes, not 12; it was read up to the quote that ends its line"
      ])
    // Unchanged, the length fits and the quote after it ends the line.
    #expect(try Self.read(dump).parameters.first?.value == .string("He said\n\"hi\""))
  }

  @Test("a var_dump flattened onto one line closes a string before the next key or '}'")
  func varDumpFlat() throws {
    let evidence = try Self.read(
      #"array(2) { ["a"]=> string(7) "x" ["b]" ["b"]=> string(4) "y" }" }"#)
    #expect(evidence.parameters.map(\.value) == [.string(#"x" ["b]"#), .string(#"y" }"#)])
    let misfit = try Self.read(#"array(2) { ["a"]=> string(9) "x "y" ["b"]=> string(1) "z" }"#)
    #expect(misfit.parameters.map(\.value) == [.string(#"x "y"#), .string("z")])
    #expect(
      misfit.notes == [
        "string(9) at 1:20 holds 4 bytes, not 9; it was read up to the quote before the next key"
      ])
  }

  // Regression (audit D2, D3): on a dump flattened onto one line, var_dump's keys, Node's
  // `<ref *1>` markers and the class of each `object(…)` were each found by first looking
  // for the end of the line, so thousands of them took seconds. These check that the
  // searches that replaced it read every member.
  @Test("one-line dumps of thousands of members read every member")
  func oneLineDumps() throws {
    let count = 2000
    let keys = (0..<count).map { "k\($0)" }
    let varDump = "array(\(count)) { "
      + keys.map { #"["\#($0)"]=> object(Foo\Bar)#1 (1) { ["v"]=> string(1) "x" } "# }.joined() + "}"
    let node = "{ " + keys.map { "<ref *1> \($0): [Object]" }.joined(separator: ", ") + " }"
    let refs = String(repeating: "<ref *1> ", count: count) + "{ a: [ [Array], [Object] ] }"
    let holdsX = { (value: ParameterValue) -> Bool in
      guard case .map(let members) = value else { return false }
      return members.map(\.key) == ["v"] && members.map(\.value) == [.string("x")]
    }

    let dumped = try Self.read(varDump)
    #expect(dumped.format == .phpVarDump)
    #expect(dumped.parameters.map(\.key) == keys)
    #expect(dumped.parameters.allSatisfy { holdsX($0.value) })

    let logged = try Self.read(node)
    #expect(logged.format == .javaScript)
    #expect(logged.parameters.map(\.key) == keys)
    #expect(logged.parameters.allSatisfy { $0.value == .string("[Object]") })

    let marked = try Self.read(refs)
    #expect(marked.parameters.map(\.key) == ["a"])
    #expect(marked.parameters.first?.value == .list([.string("[Array]"), .string("[Object]")]))
  }

  // MARK: - Limits

  @Test("nesting to the limit reads, one level more is refused as too deep")
  func depthLimit() throws {
    let limits = InputLimits(maximumByteCount: 1 << 20, maximumDepth: 128)
    let cases: [(ok: String, deep: String)] = [
      (
        "{\"a\": " + String(repeating: "[", count: 127) + String(repeating: "]", count: 127) + "}",
        "{\"a\": " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128) + "}"
      ),
      (
        "array('a' => " + String(repeating: "array(", count: 127)
          + String(repeating: ")", count: 128),
        "array('a' => " + String(repeating: "array(", count: 128)
          + String(repeating: ")", count: 129)
      ),
      (
        "a" + String(repeating: "[x]", count: 127) + "=1",
        "a" + String(repeating: "[x]", count: 128) + "=1"
      ),
    ]
    for (ok, deep) in cases {
      _ = try ClientParameterReader.read(SourceText(name: "p", text: ok), limits: limits)
      #expect(throws: InputError.self) {
        try ClientParameterReader.read(SourceText(name: "p", text: deep), limits: limits)
      }
      do {
        _ = try ClientParameterReader.read(SourceText(name: "p", text: deep), limits: limits)
      } catch {
        #expect(error.problem == .tooDeep(limit: 128))
      }
    }
  }

  // Regression (audit D8): these were read as no parameters, and diagnose then asked for
  // the client's parameters (--params) that had just been given.
  @Test(
    "a set of parameters with nothing in it is refused where it starts",
    arguments: [
      ("{}", nil, "1:1"), ("[]", nil, "1:1"), ("OrderedDict()", nil, "1:1"),
      ("Array\n(\n)\n", nil, "1:1"), ("array(0) {\n}\n", nil, "1:1"), ("array (\n)", nil, "1:1"),
      ("params = {}", nil, "1:10"), ("console.log output:\n{ }", nil, "2:1"), ("&&", .form, "1:1"),
    ] as [(String, ClientEvidence.Format?, String)])
  func emptyParameters(text: String, format: ClientEvidence.Format?, location: String) {
    #expect(
      Self.errorLine(text, format: format) == "params.txt:\(location): error: the parameters are "
        + "empty: there is nothing to compare with the server's string")
  }

  @Test("empty and oversized inputs are refused")
  func emptyAndLarge() {
    #expect(Self.errorLine(" \n\t") == "params.txt: error: the input is empty")
    let limits = InputLimits(maximumByteCount: 8, maximumDepth: 128)
    #expect(throws: InputError(".", .tooLarge(limit: 8))) {
      try ClientParameterReader.read(SourceText(name: ".", text: "{\"a\": 12345}"), limits: limits)
    }
  }
}
