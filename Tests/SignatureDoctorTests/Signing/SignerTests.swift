import Testing

@testable import SignatureDoctor

struct SignerTests {
  let secret = Secret(label: "CLOUDINARY_URL", bytes: Array("abcdefghijklmnopqrstuvwxyz0".utf8))

  @Test("the documented example signs as Cloudinary's docs say")
  func documentedExample() throws {
    let signer = Signer(secret: Secret(label: "docs", bytes: Array("abcd".utf8)))
    let json = #"{"eager":"w_400,h_300,c_pad|w_260,h_200,c_crop","public_id":"sample_image","timestamp":1315060510}"#
    let request = try signer.sign(jsonObject: SourceText(name: "t", text: json))
    #expect(request.signature.hex == "bfd09f95f331f558cbd1320e67aa8d488770583e")
  }

  @Test("JSON lines give one object per line, in order, with errors in place")
  func jsonLines() throws {
    let lines = [#"{"b":"2","a":1}"#, "", #"{"x": }"#, #"{"t":"é"}"#].map { ArraySlice(Array($0.utf8)) }
    let signer = Signer(secret: secret)
    let output = JSONLinesSigner(signer: signer).sign(lines, firstLineNumber: 1)
    let first = try signer.signature(of: Array("a=1&b=2".utf8)).hex
    let last = try signer.signature(of: Array("t=é".utf8)).hex
    #expect(output.errorCount == 1)
    #expect(String(decoding: output.parts.joined(), as: UTF8.self) == """
      {"signature":"\(first)","string_to_sign":"a=1&b=2"}
      {"column":7,"error":"expected a value for 'x', found '}'","line":3}
      {"signature":"\(last)","string_to_sign":"t=é"}

      """)
  }

  @Test("a line of invalid UTF-8 gives an error object naming its column")
  func invalidLine() {
    let line = ArraySlice<UInt8>(Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8))
    let output = JSONLinesSigner(signer: Signer(secret: secret)).sign([line], firstLineNumber: 7)
    #expect(String(decoding: output.parts.joined(), as: UTF8.self)
      == #"{"column":7,"error":"the input is not UTF-8 text","line":7}"# + "\n")
  }

  @Test("a digester that fails gives an OpenSSLError naming the function, never the bytes")
  func failingDigester() throws {
    struct Failing: Digester {
      func digest(of message: [UInt8], using algorithm: DigestAlgorithm) throws(OpenSSLError) -> Digest {
        throw OpenSSLError(function: "SHA1_Update", reasons: ["error:test"])
      }
    }
    let signer = Signer(secret: secret, digester: Failing())
    #expect(throws: OpenSSLError(function: "SHA1_Update", reasons: ["error:test"])) {
      try signer.sign(jsonObject: SourceText(name: "t", text: #"{"a":"b"}"#))
    }
    #expect(!"\(OpenSSLError(function: "SHA1_Update", reasons: ["error:test"]))".contains("abcdef"))
  }
}

extension Array where Element == [UInt8] {
  func joined() -> [UInt8] { flatMap { $0 } }
}

