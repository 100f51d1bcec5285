import Foundation
import Testing

@testable import sigdoc

struct DiagnoseCommandTests {
  static let caseFolder = packageRoot + "/Fixtures/cases/widget-missing-source"
  static let secret = packageRoot + "/Fixtures/secrets/fake-production.txt"

  @Test("the starting case: the first line names the cause and says it is verified")
  func startingCase() {
    let result = runSigdocOnDisk([Self.caseFolder + "/error.txt", "--params", Self.caseFolder + "/params.json",
                                  "--secret-file", Self.secret])
    #expect(result.status == 1)
    #expect(result.errors == "")
    let firstLine = "The widget sent source=uw, but the signer did not sign it. (Verified: this reproduces the "
      + "signature sent, with the secret from \(Self.secret).)"
    let lines = result.output.split(separator: "\n\n", maxSplits: 1)
    #expect(lines.first?.split(separator: "\n").joined(separator: " ") == firstLine)
    #expect(result.output.contains("  -   source=uw"))
  }

  @Test("diagnose is the default command and reads standard input")
  func defaultCommand() {
    let error = "Invalid Signature undefined. String to sign - 'timestamp=1'."
    let result = runSigdoc(["--format", "json"], standardInput: error)
    #expect(result.status == 1)
    #expect(result.output.contains(#""rule": "signature-format""#))
  }

  @Test("nothing amiss in what was given exits 0 and says how to narrow it down")
  func nothingAmiss() {
    let error = "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
      + "'public_id=x&timestamp=1685544025'."
    let result = runSigdoc(["diagnose"], standardInput: error)
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("sigdoc found no cause in what was given"))
  }

  @Test("colour only on a terminal, and never with NO_COLOR")
  func colour() {
    let error = "Invalid Signature undefined. String to sign - 'timestamp=1'."
    func run(terminal: Bool, environment: [String: String]) -> String {
      let output = CapturedOutput()
      let context = CommandContext(environment: environment, fileSystem: MemoryFileSystem(standardInput: Array(error.utf8)),
                                   output: output, errors: CapturedOutput(), standardInputIsTerminal: false,
                                   standardOutputIsTerminal: terminal)
      _ = Sigdoc.run(["diagnose"], context: context)
      return output.text
    }
    #expect(run(terminal: true, environment: [:]).contains("\u{1B}["))
    #expect(!run(terminal: true, environment: ["NO_COLOR": "1"]).contains("\u{1B}["))
    #expect(!run(terminal: true, environment: ["TERM": "dumb"]).contains("\u{1B}["))
    #expect(!run(terminal: false, environment: [:]).contains("\u{1B}["))
  }

  @Test("bad input: one line on standard error and status 2", arguments: [
    (["diagnose"], "hello, nothing here", "<stdin>:1:1: error: no Cloudinary error found in the pasted text\n"),
    (["diagnose", "-", "--params", "-"], "x", "sigdoc: error: standard input can be read only once; give the error or"
      + " the parameters as a file\n"),
    (["diagnose", "--now", "yesterday"], "x", "sigdoc: error: 'yesterday' is not a valid value for '--now' (expected a"
      + " Unix time in seconds, such as 1685544025)\n"),
    (["diagnose", "--format", "xml"], "x", "sigdoc: error: 'xml' is not a valid value for '--format' (expected text,"
      + " json or sarif)\n"),
    (["diagnose", "--params", "nope.json"], "Invalid Signature x. String to sign - 'a=1'.",
     "sigdoc: error: cannot read 'nope.json': no such file\n"),
    (["diagnose", "--params-format", "yaml", "--params", "p.json"], "x",
     "sigdoc: error: 'yaml' is not a valid value for '--params-format' (expected json, javascript, python,"
       + " php-print-r, php-var-dump, php-var-export, form or string-to-sign)\n"),
    (["diagnose", "--params", "p.json"], "Invalid Signature x. String to sign - 'a=1'.",
     "p.json:1:1: error: the parameters are empty: there is nothing to compare with the server's string\n"),
  ])
  func badInput(arguments: [String], input: String, line: String) {
    let result = runSigdoc(arguments, standardInput: input, files: ["p.json": "{}"])
    #expect(result.status == 2)
    #expect(result.output == "")
    #expect(result.errors == line)
  }

  @Test("explain takes a slug or a code in any case and suggests the nearest name")
  func explain() {
    #expect(runSigdoc(["explain", "SD008"]).output.hasPrefix("missing-source-uw (SD008): "))
    #expect(runSigdoc(["explain", "Missing-Source-UW"]).status == 0)
    let typo = runSigdoc(["explain", "missing-sorce-uw"])
    #expect(typo.status == 2)
    #expect(typo.errors == "sigdoc: error: unknown rule 'missing-sorce-uw' (did you mean 'missing-source-uw'?)\n")
  }

  @Test("rules lists every rule once")
  func rules() {
    let lines = runSigdoc(["rules"]).output.split(separator: "\n")
    #expect(lines.count == SignatureDoctorRuleCount.value)
    #expect(lines.contains { $0.contains("missing-source-uw") })
  }
}

import SignatureDoctor

enum SignatureDoctorRuleCount {
  static var value: Int { RuleCatalog.descriptions.count }
}
