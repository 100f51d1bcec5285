import Testing

@testable import SignatureDoctor

struct SecretTests {
  let value = "abcdefghijklmnopqrstuvwxyz0"

  @Test("a secret prints, dumps and interpolates as its label only")
  func neverPrinted() {
    let secret = Secret(label: "CLOUDINARY_URL", bytes: Array(value.utf8))
    var dumped = ""
    dump(secret, to: &dumped)
    for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped] {
      #expect(!text.contains(value), "'\(text)'")
      #expect(text.contains("CLOUDINARY_URL"), "'\(text)'")
    }
  }

  @Test("CLOUDINARY_URL gives the secret, API key and cloud name, without percent-decoding")
  func cloudinaryURL() throws {
    let loader = SecretLoader(environment: ["CLOUDINARY_URL": "cloudinary://123456789012345:a%2Bb_c-d@demo?secure=true"]) {
      _ throws(EnvironmentError) in []
    }
    let credentials = try loader.load([])
    #expect(credentials.apiKey == "123456789012345")
    #expect(credentials.cloudName == "demo")
    #expect(credentials.secrets.map(\.bytes) == [Array("a%2Bb_c-d".utf8)])
    #expect(credentials.secrets.map(\.label) == ["CLOUDINARY_URL"])
  }

  @Test("a secret file keeps its bytes, trailing newline included")
  func fileBytes() throws {
    let loader = SecretLoader(environment: [:]) { _ throws(EnvironmentError) in Array("s3cret\n".utf8) }
    let credentials = try loader.load([.file("secret.txt")])
    #expect(credentials.secrets.first?.bytes == Array("s3cret\n".utf8))
    #expect(SecretInspection(credentials.secrets[0]).problemDescription == "ends with a line break")
  }

  @Test("equal secrets from two places are kept once, under the first label")
  func duplicates() throws {
    let loader = SecretLoader(environment: ["CLOUDINARY_URL": "cloudinary://1:same@c", "CLOUDINARY_API_SECRET": "same"]) {
      _ throws(EnvironmentError) in []
    }
    #expect(try loader.load([]).secrets.map(\.label) == ["CLOUDINARY_URL"])
  }

  @Test("errors name the variable, never its value", arguments: [
    (["CLOUDINARY_URL": "https://nope"], [SecretSource](), "CLOUDINARY_URL is not of the form cloudinary://KEY:SECRET@CLOUD"),
    ([:], [.environmentVariable("STAGING_SECRET")], "environment variable 'STAGING_SECRET' is not set"),
    ([:], [.environmentVariable("hdcixPpR2iKERPwqvH6sHdK9cyac")],
      "the environment variable named in --secret-env is not set (the name is not shown: it does not look like a"
        + " variable name and may be a secret)"),
    (["EMPTY": ""], [.environmentVariable("EMPTY")], "the secret from EMPTY is empty"),
  ])
  func environmentErrors(environment: [String: String], sources: [SecretSource], message: String) {
    let loader = SecretLoader(environment: environment) { _ throws(EnvironmentError) in [] }
    do {
      _ = try loader.load(sources)
      Issue.record("expected an error")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test("inspection names newlines, outer spaces, quotes and inner white space")
  func inspection() {
    func problem(_ text: String) -> String? {
      SecretInspection(Secret(label: "x", bytes: Array(text.utf8))).problemDescription
    }
    #expect(problem("abc") == nil)
    #expect(problem(" abc") == "starts or ends with a space")
    #expect(problem("\"abc\"\n") == "ends with a line break and is wrapped in quotes")
    #expect(problem("ab c") == "holds white space")
  }

  @Test("the redactor removes a secret in every form it may be written in")
  func redactor() {
    let secret = Secret(label: "CLOUDINARY_URL", bytes: Array("\(value)\n".utf8))
    let redactor = Redactor(secrets: [secret])
    let hex = Digest(bytes: Array(value.utf8)).hex
    for text in [value, "\"\(value)\"", "x=\(value)&y", hex, "\(value)\(value)"] {
      let redacted = redactor.redact(text)
      #expect(!redacted.contains(value) && !redacted.contains(hex), "'\(redacted)'")
      #expect(redacted.contains("[secret from CLOUDINARY_URL]"))
    }
    #expect(redactor.redact("nothing to see") == "nothing to see")
  }

  @Test("the redactor removes any run of ten or more bytes copied from a secret, and no less")
  func redactorFragments() {
    let secret = "Zq8vX2LmN4pR7tKd9wB3yH6sJ1c"
    let redactor = Redactor(secrets: [Secret(label: "s.txt", bytes: Array(secret.utf8))])
    let cut = String(secret.prefix(14))
    let middle = String(secret.dropFirst(5).prefix(10))
    let tail = String(secret.suffix(12))
    let cases: [(text: String, expected: String)] = [
      ("folder=a&timestamp=1700000000" + cut, "folder=a&timestamp=1700000000[secret from s.txt]"),
      ("x" + middle + "y", "x[secret from s.txt]y"),
      (tail + "&" + cut, "[secret from s.txt]&[secret from s.txt]"),
      (secret + secret, "[secret from s.txt]"),
      ("a" + String(secret.prefix(9)) + "b", "a" + String(secret.prefix(9)) + "b"),
    ]
    for (text, expected) in cases {
      let redacted = redactor.redact(text)
      #expect(redacted == expected, "'\(text)' became '\(redacted)'")
    }
  }
}

