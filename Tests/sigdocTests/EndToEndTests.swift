import Foundation
import Testing

/// Runs the built binary and checks standard output, standard error and the exit status
/// separately.
struct EndToEndTests {
  let environment = ["CLOUDINARY_URL": "cloudinary://123456789012345:abcdefghijklmnopqrstuvwxyz0@demo"]

  @Test("--version prints the version and exits 0")
  func version() throws {
    let result = try Binary.run(["--version"])
    #expect(result.status == 0)
    #expect(result.outputText == "sigdoc 0.1.0\n")
    #expect(result.errors == "")
  }

  @Test("sign on the README's fixture prints the string and signature")
  func signFixture() throws {
    let result = try Binary.run(["sign", packageRoot + "/Fixtures/params/widget-upload.json"], environment: environment)
    #expect(result.status == 0)
    #expect(result.outputText.contains("Signature       3394ccfd7c39c1749296d2eb734f1f98aea7c2f5\n"))
    #expect(result.errors == "")
  }

  @Test("standard input, --jsonl and the exit status of a bad line")
  func jsonLines() throws {
    let input = Data("{\"a\":\"1\"}\n{\"b\":\n".utf8)
    let result = try Binary.run(["sign", "--jsonl", "-"], environment: environment, input: input)
    #expect(result.status == 1)
    let lines = result.outputText.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.last == #"{"column":6,"error":"expected a value for 'b', found the end of the input","line":2}"#)
  }

  @Test("a line over 1 MiB gets an error object and the next line is still signed")
  func overlongLine() throws {
    let long = "{\"a\":\"" + String(repeating: "x", count: 1_100_000) + "\"}"
    let input = Data((long + "\n{\"b\":\"2\"}\n").utf8)
    let result = try Binary.run(["sign", "--jsonl"], environment: environment, input: input)
    let lines = result.outputText.split(separator: "\n").map { String($0.prefix(200)) }
    #expect(result.status == 1)
    #expect(lines.count == 2)
    #expect(lines.first == #"{"error":"the line is longer than the 1 MiB limit","line":1}"#)
    #expect(lines.last?.hasSuffix(#""string_to_sign":"b=2"}"#) == true)
  }

  static let badInputs: [(String, Data, String)] = [
    ("empty", Data(), "<stdin>:1:1: error: the input is empty"),
    ("binary", Data([0x7B, 0x00, 0x01, 0xFF, 0x10]), "<stdin>:1:2: error: the input holds binary data (byte 0x00)"),
    ("invalid UTF-8", Data([0x7B, 0x22, 0xC3, 0x28]), "<stdin>:1:3: error: the input is not UTF-8 text"),
    ("truncated", Data(#"{"folder": "ava"#.utf8), "<stdin>:1:12: error: unterminated string: no closing double quote"),
    ("deeply nested", Data(String(repeating: "[", count: 200_000).utf8),
     "<stdin>:1:1: error: expected a JSON object of parameters, found a list"),
    ("deeply nested in an object", Data(String(repeating: "{\"a\":", count: 200_000).utf8),
     "<stdin>:1:6: error: the value of 'a' is a map; Cloudinary signs text, numbers, booleans and lists of them"
       + " (flatten it first, as in 'alt=x|caption=y')"),
    ("huge", Data(count: 100 << 20), "<stdin>:1:1: error: the input is larger than the 16 MiB limit"),
  ]

  @Test("bad input: one line on standard error, status 2, nothing on standard output",
        arguments: badInputs.map { ($0.0, $0.1, $0.2) })
  func badInput(name: String, input: Data, line: String) throws {
    let result = try Binary.run(["sign"], environment: environment, input: input)
    #expect(result.status == 2, "\(name)")
    #expect(result.output.isEmpty, "\(name)")
    #expect(result.errors == line + "\n", "\(name)")
  }

  @Test("usage errors: one line, status 2", arguments: [
    (["sign", "--nope"], "sigdoc: error: unknown option '--nope'"),
    (["sign", "/no/such/file.json"], "sigdoc: error: cannot read '/no/such/file.json': no such file"),
    (["sign", "/"], "sigdoc: error: cannot read '/': it is a directory"),
    (["sign", "--secret", "x"], "sigdoc: error: '--secret' is refused: secrets are never taken from arguments,"
      + " where shell history and process lists keep them; use --secret-env NAME, --secret-file PATH, CLOUDINARY_URL"
      + " or CLOUDINARY_API_SECRET"),
  ])
  func usageErrors(arguments: [String], line: String) throws {
    let result = try Binary.run(arguments, environment: environment, input: Data("{}".utf8))
    #expect(result.status == 2)
    #expect(result.output.isEmpty)
    #expect(result.errors == line + "\n")
  }

  @Test("a failed run leaves no output file behind, not even a temporary one")
  func noPartialOutput() throws {
    let directory = try TemporaryDirectory()
    let input = try directory.file("in.json", Data(#"{"a": tru}"#.utf8))
    let result = try Binary.run(["sign", input, "--output", directory.path + "/out.txt"], environment: environment)
    #expect(result.status == 2)
    #expect(directory.contents == ["in.json"])

    // NB: the output file is opened before the input is read, so an empty input fails a
    // run that has a file to discard.
    let jsonl = try Binary.run(["sign", "--jsonl", "-o", directory.path + "/out.jsonl"], environment: environment,
                               input: Data())
    #expect(jsonl.status == 2)
    #expect(jsonl.errors == "<stdin>:1:1: error: the input is empty\n")
    #expect(directory.contents == ["in.json"])
  }

  @Test("a successful run with --output writes the file and nothing on standard output")
  func outputFile() throws {
    let directory = try TemporaryDirectory()
    let result = try Binary.run(["sign", "--format", "json", "-o", directory.path + "/out.json"],
                                environment: environment, input: Data(#"{"t":1}"#.utf8))
    #expect(result.status == 0 && result.output.isEmpty)
    let written = try String(contentsOfFile: directory.path + "/out.json", encoding: .utf8)
    #expect(written.contains(#""string_to_sign": "t=1""#))
  }
}
