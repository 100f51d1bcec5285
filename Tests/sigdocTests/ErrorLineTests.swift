import Testing

@testable import SignatureDoctor
@testable import sigdoc

/// The error line: one line whatever it quotes, and the place of errors about a whole input.
struct ErrorLineTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let error: InputError
    let line: String
    var testDescription: String { name }
  }

  static func located(_ message: String, in name: String = "p.json") -> InputError {
    InputError(name, at: SourceLocation(line: 1, column: 11), .unusable(message))
  }

  // Regression (audit D4): keys were quoted raw, so a key holding a line break gave a
  // two-line message and one holding an escape sequence wrote it to the terminal.
  static let cases: [Case] = [
    Case(
      name: "line feed",
      error: located("the key 'a\nb' appears twice (first at 1:2); keep one value"),
      line: #"p.json:1:11: error: the key 'a\nb' appears twice (first at 1:2); keep one value"#),
    Case(
      name: "terminal title sequence",
      error: located("the key '\u{1B}]0;pwned\u{07}' appears twice"),
      line: #"p.json:1:11: error: the key '\u{1B}]0;pwned\u{7}' appears twice"#),
    Case(
      name: "carriage return, tab, DEL, C1",
      error: located("key 'a\r\tb\u{7F}\u{85}\u{9B}'"),
      line: #"p.json:1:11: error: key 'a\r\tb\u{7F}\u{85}\u{9B}'"#),
    Case(
      name: "line and paragraph separators",
      error: located("key 'a\u{2028}b\u{2029}'"),
      line: #"p.json:1:11: error: key 'a\u{2028}b\u{2029}'"#),
    Case(
      name: "bidirectional controls",
      error: located("key 'a\u{202E}b\u{2066}c\u{2069}\u{200F}'"),
      line: #"p.json:1:11: error: key 'a\u{202E}b\u{2066}c\u{2069}\u{200F}'"#),
    Case(
      name: "backslashes are doubled once anything is escaped",
      error: located("key 'a\\b\n'"),
      line: #"p.json:1:11: error: key 'a\\b\n'"#),
    Case(
      name: "a file name with a line break",
      error: located("expected a value", in: "new\nline.json"),
      line: #"new\nline.json:1:11: error: expected a value"#),
    Case(
      name: "plain text is left alone",
      error: located("expected ',' after 'café' (did you mean '…'?)"),
      line: "p.json:1:11: error: expected ',' after 'café' (did you mean '…'?)"),
    // STYLE §9.2: an error about the whole input is placed at its start.
    Case(
      name: "an empty file", error: InputError("p.json", .empty),
      line: "p.json:1:1: error: the input is empty"),
    Case(
      name: "empty standard input", error: InputError("<stdin>", .empty),
      line: "<stdin>:1:1: error: the input is empty"),
    Case(
      name: "too large", error: InputError("big.json", .tooLarge(limit: 16 << 20)),
      line: "big.json:1:1: error: the input is larger than the 16 MiB limit"),
    Case(
      name: "a whole-input problem of another kind",
      error: InputError("e.txt", .unusable("no Cloudinary error found in the pasted text")),
      line: "e.txt:1:1: error: no Cloudinary error found in the pasted text"),
    Case(
      name: "an empty file whose name has a line break", error: InputError("a\nb", .empty),
      line: #"a\nb:1:1: error: the input is empty"#),
  ]

  @Test(
    "every error is exactly one line, with invisible and moving characters escaped",
    arguments: cases)
  func oneLine(_ testCase: Case) {
    let line = ErrorLine.text(for: testCase.error)
    #expect(line == testCase.line)
    #expect(!line.unicodeScalars.contains(where: VisibleText.needsEscape))
  }

  @Test("usage errors and warnings quoting what was typed are one line too")
  func usageAndWarnings() {
    let usage = runSigdoc(
      ["sign", "--a\u{1B}[2J\nb"], environment: TestAccount.environment, standardInput: "{}")
    #expect(usage.status == 2)
    #expect(usage.errors == #"sigdoc: error: unknown option '--a\u{1B}[2J\nb'"# + "\n")
    let warned = runSigdoc(
      ["sign", "--secret-file", "s\n.txt"], standardInput: "{}",
      files: ["s\n.txt": TestAccount.secret + "\n"])
    #expect(warned.status == 0)
    #expect(warned.errors
      == #"sigdoc: warning: the secret from s\n.txt ends with a line break; it is signed as it is"# + "\n")
  }

  @Test("keys with line breaks or escapes give one line in sign and in every diagnose format")
  func keysInMessages() {
    let error = "Missing required parameter - api_key"
    let runs: [(arguments: [String], params: String, line: String)] = [
      (["sign", "p"], #"{"a\nb":1,"a\nb":2}"#,
       #"p:1:11: error: the key 'a\nb' appears twice (first at 1:2); keep one value"#),
      (["sign", "p"], #"{"\u001b]0;pwned\u0007":1,"\u001b]0;pwned\u0007":2}"#,
       #"p:1:27: error: the key '\u{1B}]0;pwned\u{7}' appears twice (first at 1:2); keep one value"#),
      (["diagnose", "e", "--params", "p"], "{ x: 1, 'a\u{1B}[2Jb': }",
       #"p:1:19: error: expected a value for 'a\u{1B}[2Jb', found '}'"#),
      (["diagnose", "e", "--params", "p"], "{'a\u{1B}[2Jb': , }",
       #"p:1:12: error: expected a value for 'a\u{1B}[2Jb', found ','"#),
      (["diagnose", "e", "--params", "p"], "array ( 'a\nb' => )",
       #"p:2:7: error: expected a value for 'a\nb', found ')'"#),
      (["diagnose", "e", "--params", "p"], "a%0Ab[=1",
       #"p:1:6: error: expected ']' to close '[' in the key 'a\nb['"#),
    ]
    for run in runs {
      let result = runSigdoc(
        run.arguments, environment: TestAccount.environment, files: ["p": run.params, "e": error])
      #expect(result.status == 2)
      #expect(result.output == "")
      #expect(result.errors == run.line + "\n")
    }
  }
}
