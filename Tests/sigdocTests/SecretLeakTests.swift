import Testing

@testable import sigdoc
@testable import SignatureDoctor

/// The secret appears in no output, in any format, on any path, errors included.
struct SecretLeakTests {
  static let secret = TestAccount.secret
  /// Forms a leak could take: as is, JSON-escaped, percent-encoded, hex.
  static let forms: [String] = [
    secret,
    Digest(bytes: Array(secret.utf8)).hex,
    Digest(bytes: Array(secret.utf8)).upperHex,
    String(secret.prefix(20)),
  ]

  struct Invocation: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let input: String
    var testDescription: String { arguments.joined(separator: " ") + " <<< " + String(input.prefix(30)) }
  }

  static let widget = #"{"folder":"avatars","source":"uw","timestamp":1685544025}"#
  static let invocations: [Invocation] = [
    Invocation(arguments: ["sign"], input: widget),
    Invocation(arguments: ["sign", "--format", "json"], input: widget),
    Invocation(arguments: ["sign", "--jsonl"], input: widget + "\n{bad\n"),
    Invocation(arguments: ["sign", "--algorithm", "sha256", "--signature-version", "1"], input: widget),
    Invocation(arguments: ["sign"], input: #"{"leak":"\#(secret)"}"#),
    Invocation(arguments: ["sign", "--format", "json"], input: #"{"leak":"\#(secret)\n"}"#),
    Invocation(arguments: ["sign", "--jsonl"], input: #"{"\#(secret)":1}"# + "\n"),
    Invocation(arguments: ["sign"], input: #"{"a": \#(secret)}"#),
    Invocation(arguments: ["sign"], input: #"{"\#(secret)": }"#),
    Invocation(arguments: ["sign", secret], input: ""),
    Invocation(arguments: ["sign", "--secret-env", secret], input: widget),
    Invocation(arguments: ["sign", "--secret-file", secret], input: widget),
    Invocation(arguments: ["sign", "--format", secret], input: widget),
    Invocation(arguments: ["sign", "--\(secret)"], input: widget),
    Invocation(arguments: [secret], input: widget),
  ]

  @Test("no output or error line holds the secret", arguments: invocations)
  func noLeak(_ invocation: Invocation) {
    let environment = ["CLOUDINARY_URL": TestAccount.url]
    let result = runSigdoc(invocation.arguments, environment: environment, standardInput: invocation.input)
    for form in Self.forms {
      #expect(!result.output.contains(form), "standard output holds the secret")
      #expect(!result.errors.contains(form), "standard error holds the secret")
    }
  }

  @Test("the secret read from a file with a trailing newline is not printed either")
  func fileSecret() {
    let result = runSigdoc(["sign", "--secret-file", "s"], standardInput: #"{"x":"\#(Self.secret)"}"#,
                           files: ["s": Self.secret + "\n"])
    #expect(result.status == 0)
    for form in Self.forms { #expect(!result.output.contains(form) && !result.errors.contains(form)) }
  }

  @Test(
    "a secret cut short and glued to the client's string is not echoed by diagnose",
    arguments: ["text", "json", "sarif"]
  )
  func gluedFragment(format: String) {
    let glued = "folder=avatars&timestamp=1700000000" + String(Self.secret.prefix(14))
    let error = "Invalid Signature 0123456789abcdef0123456789abcdef01234567. "
      + "String to sign - 'folder=avatars&timestamp=1700000000'."
    let result = runSigdoc(
      ["diagnose", "error.txt", "--params", "params.txt", "--format", format],
      environment: ["CLOUDINARY_URL": TestAccount.url],
      files: ["error.txt": error, "params.txt": glued]
    )
    #expect(result.status == 1, "\(result.errors)")
    #expect(!result.output.contains(String(Self.secret.prefix(10))), "\(result.output)")
    #expect(result.output.contains("[secret from CLOUDINARY_URL]"))
  }
}

