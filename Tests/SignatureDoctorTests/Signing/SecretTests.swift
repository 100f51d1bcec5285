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

  @Test("a secret holding invisible characters is found as error lines escape it")
  func redactorEscapedForm() {
    let secret = "ab\tc\u{7}d\u{202E}e"
    let redactor = Redactor(secrets: [Secret(label: "env", bytes: Array(secret.utf8))])
    let shown = VisibleText("key '\(secret)'").text
    #expect(shown == #"key 'ab\tc\u{7}d\u{202E}e'"#)
    #expect(redactor.redact(shown) == "key '[secret from env]'")
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

  // Regression (audit D1): with the secret `abcd`, `sign` printed the signature of
  // `timestamp=1685544293` as `e68bf99056e6eff7461f[secret from …]ee204f49db2e7876`.
  @Test("a whole secret strictly inside a 40- or 64-digit hex run is a digest, not a leak")
  func digestsKeepWholeSecrets() {
    let redactor = Redactor(secrets: [Secret(label: "env", bytes: Array("abcd".utf8))])
    let sha1 = "e68bf99056e6eff7461fabcdee204f49db2e7876"
    let tail = String(sha1.dropFirst(4))
    let sha256 = String(repeating: "0", count: 30) + "abcd" + String(repeating: "9", count: 30)
    let upper = "E68BF99056E6EFF7461FabcdEE204F49DB2E7876"
    let base64 = "QUJDRGFiY2Q" + "abcd" + "xyzXYZ0123+/" + "="
    let unpadded = String(base64.dropLast())
    let kept = [
      sha1, "signature=\(sha1)&x", sha256, "abcd" + tail, "abcd" + tail.uppercased(), upper,
      base64, "s=\(base64)&t",
    ]
    for text in kept {
      #expect(redactor.redact(text) == text, "'\(text)' became '\(redactor.redact(text))'")
    }

    // Not a digest: the secret alone, glued to text that is not hex, in a hex run of another
    // length, or in base64 without its padding.
    let redacted: [(text: String, expected: String)] = [
      ("abcd", "[secret from env]"),
      ("xyzabcdxyz", "xyz[secret from env]xyz"),
      ("s=abcd&t=1", "s=[secret from env]&t=1"),
      (String(sha1.dropLast()), "e68bf99056e6eff7461f[secret from env]ee204f49db2e787"),
      (sha1 + "0", "e68bf99056e6eff7461f[secret from env]ee204f49db2e78760"),
      ("g" + String(repeating: "1", count: 35) + "abcdg",
       "g" + String(repeating: "1", count: 35) + "[secret from env]g"),
      (unpadded, unpadded.replacingAll("abcd", with: "[secret from env]")),
      (base64 + "=", (base64 + "=").replacingAll("abcd", with: "[secret from env]")),
    ]
    for (text, expected) in redacted {
      #expect(redactor.redact(text) == expected, "'\(text)' became '\(redactor.redact(text))'")
    }
  }

  @Test("a secret that fills a digest-shaped run on its own is still redacted")
  func digestShapedSecret() {
    let secret = "0123456789abcdef0123456789abcdef01234567"
    let redactor = Redactor(secrets: [Secret(label: "env", bytes: Array(secret.utf8))])
    #expect(redactor.redact(secret) == "[secret from env]")
    #expect(redactor.redact("x=\(secret)&y") == "x=[secret from env]&y")
  }

  @Test("the hex spelling of a secret inside a digest is kept, and redacted anywhere else")
  func digestsKeepHexNeedles() {
    let redactor = Redactor(secrets: [Secret(label: "env", bytes: Array("abcd".utf8))])
    let hex = Digest(bytes: Array("abcd".utf8)).hex
    let digest = "0000" + hex + String(repeating: "f", count: 28)
    #expect(hex == "61626364")
    #expect(redactor.redact(digest) == digest)
    #expect(redactor.redact(digest.uppercased()) == digest.uppercased())
    #expect(redactor.redact("hex=\(hex);") == "hex=[secret from env];")
    #expect(redactor.redact("x" + hex.uppercased() + "x") == "x[secret from env]x")
  }

  @Test("a run of ten bytes copied from a hex secret is kept inside a digest only")
  func digestsKeepFragments() {
    let secret = "0123456789abcdef0123"
    let redactor = Redactor(secrets: [Secret(label: "env", bytes: Array(secret.utf8))])
    let fragment = String(secret.dropFirst(4).prefix(12))
    let sha256 = String(repeating: "e", count: 26) + fragment + String(repeating: "e", count: 26)
    let sha1 = String(repeating: "E", count: 14) + fragment + String(repeating: "E", count: 14)
    #expect(sha256.count == 64 && sha1.count == 40)
    #expect(redactor.redact(sha256) == sha256)
    #expect(redactor.redact(sha1) == sha1)
    #expect(redactor.redact("k=" + fragment + "&") == "k=[secret from env]&")
    #expect(redactor.redact(sha1 + "e") == String(repeating: "E", count: 14) + "[secret from env]"
      + String(repeating: "E", count: 14) + "e")
  }
}
