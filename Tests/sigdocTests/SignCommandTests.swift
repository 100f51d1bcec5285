import Testing

@testable import sigdoc

struct SignCommandTests {
  let widget = #"{"folder":"avatars","source":"uw","timestamp":1685544025,"upload_preset":"signed_avatars"}"#

  @Test("the text report shows the string, the signature and how it was signed")
  func text() {
    let result = runSigdoc(["sign", "p.json"], environment: TestAccount.environment, files: ["p.json": widget])
    #expect(result.status == 0)
    #expect(result.errors == "")
    #expect(result.output == """
      String to sign  folder=avatars&source=uw&timestamp=1685544025&upload_preset=signed_avatars
      Signature       3394ccfd7c39c1749296d2eb734f1f98aea7c2f5
      Signed with     SHA-1, signature version 2, the secret from CLOUDINARY_URL

      """)
  }

  @Test("--format json writes the two fields with sorted keys")
  func json() {
    let result = runSigdoc(["sign", "--format", "json", "-"], environment: TestAccount.environment, standardInput: widget)
    #expect(result.output == """
      {
        "signature": "3394ccfd7c39c1749296d2eb734f1f98aea7c2f5",
        "string_to_sign": "folder=avatars&source=uw&timestamp=1685544025&upload_preset=signed_avatars"
      }

      """)
  }

  @Test("standard input is read when no file is given and it is not a terminal")
  func implicitStandardInput() {
    let result = runSigdoc(["sign", "--algorithm", "sha256"], environment: TestAccount.environment, standardInput: widget)
    #expect(result.status == 0)
    #expect(result.output.contains("SHA-256, signature version 2"))
  }

  @Test("invisible characters are escaped in text and exact in JSON")
  func invisible() {
    let input = #"{"a":"x\u200by\n"}"#
    let text = runSigdoc(["sign"], environment: TestAccount.environment, standardInput: input)
    #expect(text.output.hasPrefix("String to sign  a=x\\u{200B}y\\n\n"))
    #expect(text.output.contains("(invisible characters are shown as \\u{…}; --format json gives the exact text)"))
    let json = runSigdoc(["sign", "--format", "json"], environment: TestAccount.environment, standardInput: input)
    #expect(json.output.contains(#""string_to_sign": "a=x\#u{200B}y\n""#))
  }

  @Test("--jsonl writes a line per line and exits 1 when a line fails")
  func jsonLines() {
    let input = widget + "\nnot json\n"
    let result = runSigdoc(["sign", "--jsonl"], environment: TestAccount.environment, standardInput: input)
    #expect(result.status == 1)
    #expect(result.output == """
      {"signature":"3394ccfd7c39c1749296d2eb734f1f98aea7c2f5","string_to_sign":"folder=avatars&source=uw&timestamp=1685544025&upload_preset=signed_avatars"}
      {"column":1,"error":"unknown word 'not' where a value belongs","line":2}

      """)
  }

  @Test("--output writes the file only when the run succeeds")
  func outputFile() {
    let fileSystem = MemoryFileSystem(files: ["p.json": Array(widget.utf8), "bad.json": Array("{".utf8)])
    let good = runSigdoc(["sign", "p.json", "-o", "out.txt"], environment: TestAccount.environment, fileSystem: fileSystem)
    #expect(good.status == 0 && good.output == "")
    #expect(fileSystem.files["out.txt"].map { String(decoding: $0, as: UTF8.self) }?.contains("3394ccfd") == true)
    let bad = runSigdoc(["sign", "bad.json", "-o", "bad.txt"], environment: TestAccount.environment, fileSystem: fileSystem)
    #expect(bad.status == 2)
    #expect(fileSystem.files["bad.txt"] == nil)
  }

  @Test("secrets come from --secret-env, --secret-file, CLOUDINARY_API_SECRET or CLOUDINARY_URL")
  func secretSources() {
    let expected = "3394ccfd7c39c1749296d2eb734f1f98aea7c2f5"
    let runs = [
      runSigdoc(["sign", "--secret-env", "STAGING"], environment: ["STAGING": TestAccount.secret], standardInput: widget),
      runSigdoc(["sign", "--secret-file", "s.txt"], standardInput: widget, files: ["s.txt": TestAccount.secret]),
      runSigdoc(["sign"], environment: ["CLOUDINARY_API_SECRET": TestAccount.secret], standardInput: widget),
      runSigdoc(["sign"], environment: TestAccount.environment, standardInput: widget),
    ]
    for run in runs {
      #expect(run.status == 0 && run.output.contains(expected), "\(run.errors)")
    }
    #expect(runs[0].output.contains("the secret from STAGING"))
    #expect(runs[1].output.contains("the secret from s.txt"))
  }

  @Test("a secret file with a trailing newline is signed as it is, with a warning")
  func trailingNewline() {
    let run = runSigdoc(["sign", "--secret-file", "s.txt"], standardInput: widget, files: ["s.txt": TestAccount.secret + "\n"])
    #expect(run.status == 0)
    #expect(!run.output.contains("3394ccfd7c39c1749296d2eb734f1f98aea7c2f5"))
    #expect(run.errors == "sigdoc: warning: the secret from s.txt ends with a line break; it is signed as it is\n")
  }

  @Test("bad input gives one line on standard error and status 2", arguments: [
    ([], #"{"a":"#, "<stdin>:1:6: error: expected a value for 'a', found the end of the input\n"),
    ([], "", "<stdin>:1:1: error: the input is empty\n"),
    ([], "[1,2]", "<stdin>:1:1: error: expected a JSON object of parameters, found a list\n"),
    (["missing.json"], "", "sigdoc: error: cannot read 'missing.json': no such file\n"),
    (["--format", "yaml"], "{}", "sigdoc: error: 'yaml' is not a valid value for '--format' (expected text or json)\n"),
    (["--jsonl", "--format", "json"], "{}", "sigdoc: error: options '--jsonl' and '--format' cannot be used together\n"),
  ])
  func badInput(arguments: [String], input: String, line: String) {
    let run = runSigdoc(["sign"] + arguments, environment: TestAccount.environment, standardInput: input)
    #expect(run.status == 2)
    #expect(run.output == "")
    #expect(run.errors == line)
  }

  @Test("without any secret the message says where secrets come from")
  func noSecret() {
    let run = runSigdoc(["sign"], standardInput: widget)
    #expect(run.errors == "sigdoc: error: no API secret: set CLOUDINARY_URL or CLOUDINARY_API_SECRET, or use"
      + " --secret-env NAME or --secret-file PATH\n")
    #expect(run.status == 2)
  }

  @Test("sign takes one secret and names the sources when given two")
  func twoSecrets() {
    let run = runSigdoc(["sign", "--secret-env", "A", "--secret-env", "B"], environment: ["A": "first-secret", "B": "second-secret"],
                        standardInput: widget)
    #expect(run.errors == "sigdoc: error: this command signs with one secret, but 2 were given (A, B); choose one"
      + " with --secret-env or --secret-file\n")
  }

  @Test("parameters holding the secret are printed with the secret redacted")
  func redaction() {
    let input = #"{"leak":"\#(TestAccount.secret)","t":1}"#
    let run = runSigdoc(["sign", "--format", "json"], environment: TestAccount.environment, standardInput: input)
    #expect(!run.output.contains(TestAccount.secret))
    #expect(run.output.contains("leak=[secret from CLOUDINARY_URL]&t=1"))
  }

  // Regression (audit D1): the secret `abcd` (Cloudinary's documented example) sits inside
  // this signature, which was printed as `e68bf99056e6eff7461f[secret from …]ee204f49db2e7876`.
  @Test("a signature that happens to hold the secret is printed whole")
  func signatureHoldingTheSecret() {
    let environment = ["CLOUDINARY_API_SECRET": "abcd"]
    let input = #"{"timestamp":1685544293}"#
    let json = runSigdoc(["sign", "--format", "json"], environment: environment, standardInput: input)
    #expect(json.status == 0)
    #expect(json.output == """
      {
        "signature": "e68bf99056e6eff7461fabcdee204f49db2e7876",
        "string_to_sign": "timestamp=1685544293"
      }

      """)
    let lines = runSigdoc(["sign", "--jsonl"], environment: environment, standardInput: input + "\n")
    #expect(lines.output == #"{"signature":"e68bf99056e6eff7461fabcdee204f49db2e7876","#
      + #""string_to_sign":"timestamp=1685544293"}"# + "\n")
    let leak = runSigdoc(["sign", "--format", "json"], environment: environment,
                         standardInput: #"{"note":"abcd","timestamp":1685544293}"#)
    #expect(leak.output.contains(#""string_to_sign": "note=[secret from CLOUDINARY_API_SECRET]&"#))
  }

  // Regression (audit D5): `sign --jsonl` read a byte order mark as part of the first line.
  @Test("--jsonl skips a byte order mark at the start of the stream, even split over reads")
  func jsonLinesByteOrderMark() {
    let expected = #"{"signature":"ed3f3b95468cdcf5c184bb658075ba114b05f309","string_to_sign":"a=x"}"#
    for readLimit in [1, 2, 1 << 20] {
      let input = [0xEF, 0xBB, 0xBF] + Array(#"{"a":"x"}"#.utf8) + [0x0A]
      let fileSystem = MemoryFileSystem(standardInput: input)
      fileSystem.readLimit = readLimit
      let run = runSigdoc(
        ["sign", "--jsonl", "-"], environment: TestAccount.environment, fileSystem: fileSystem)
      #expect(run.status == 0, "\(run.output)")
      #expect(run.output == expected + "\n", "reading \(readLimit) bytes at a time")
    }
    let second = runSigdoc(["sign", "--jsonl"], environment: TestAccount.environment,
                           standardInput: "{\"a\":\"x\"}\n\u{FEFF}{\"a\":\"x\"}\n")
    #expect(second.status == 1)
    #expect(second.output == expected + "\n"
      + #"{"column":1,"error":"unknown word '\#u{FEFF}' where a value belongs","line":2}"# + "\n")
    let onlyMark = runSigdoc(
      ["sign", "--jsonl"], environment: TestAccount.environment, standardInput: "\u{FEFF}")
    #expect(onlyMark.status == 2)
    #expect(onlyMark.errors == "<stdin>:1:1: error: the input is empty\n")
  }

  // Regression (audit D6): a NUL in the first 64 KiB stopped the whole run with exit 2 and
  // no place; after it, the line got an error object.
  @Test("--jsonl gives an error object for a line holding a NUL, wherever it is")
  func jsonLinesNUL() {
    let signed = [
      #"{"signature":"ed3f3b95468cdcf5c184bb658075ba114b05f309","string_to_sign":"a=x"}"#,
      #"{"signature":"eb94e292cdb1873ac64c61053832c6bc5ba6dc61","string_to_sign":"b=y"}"#,
    ]
    let filler = String(repeating: #"{"a":"x"}"# + "\n", count: 8000)
    for prefix in ["", filler] {
      let lines = prefix.split(separator: "\n").count
      let input = prefix + "{\"a\":\"x\"}\n{\"a\":\"\u{0}\"}\n\u{0}\n{\"b\":\"y\"}\n"
      let run = runSigdoc(["sign", "--jsonl"], environment: TestAccount.environment, standardInput: input)
      #expect(run.status == 1)
      #expect(run.errors == "")
      let expected = Array(repeating: signed[0], count: lines + 1) + [
        #"{"column":7,"error":"control character U+0000 must be escaped in a JSON string","line":\#(lines + 2)}"#,
        #"{"column":1,"error":"expected a value, found '\u0000'","line":\#(lines + 3)}"#,
        signed[1],
      ]
      #expect(run.output == expected.joined(separator: "\n") + "\n", "after \(prefix.utf8.count) bytes")
    }
  }
}

