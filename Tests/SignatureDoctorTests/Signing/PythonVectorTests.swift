import Foundation
import Testing

@testable import SignatureDoctor

/// Replays generated parameter sets that pycloudinary 1.46.3 signed, so that `swift test`
/// checks awkward content without Python. `Scripts/check-against-pycloudinary.py` records
/// them (`--write-vectors`) and, in CI, checks thousands more against the live SDK.
struct PythonVectorTests {
  struct Vector: CustomTestStringConvertible, Sendable {
    let line: Int
    let parameters: String
    let secret: String
    let algorithm: DigestAlgorithm
    let version: SignatureVersion
    let stringToSign: String
    let signature: String
    var testDescription: String { "line \(line)" }
  }

  static let vectors: [Vector] = {
    guard let text = try? Fixtures.text("vectors/pycloudinary-generated.jsonl") else { return [] }
    return text.split(separator: "\n").enumerated().compactMap { index, line in
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let parameters = object["parameters"] as? String, let secret = object["test_secret"] as? String,
        let algorithm = (object["algorithm"] as? String).flatMap(DigestAlgorithm.init(name:)),
        let version = (object["signature_version"] as? Int).flatMap(SignatureVersion.init(rawValue:)),
        let stringToSign = object["string_to_sign"] as? String, let signature = object["signature"] as? String
      else { return nil }
      return Vector(line: index + 1, parameters: parameters, secret: secret, algorithm: algorithm,
                    version: version, stringToSign: stringToSign, signature: signature)
    }
  }()

  @Test("all 240 recorded vectors are read")
  func count() {
    #expect(Self.vectors.count == 240)
  }

  @Test("sigdoc reproduces pycloudinary's string and signature", arguments: vectors)
  func reproduce(_ vector: Vector) throws {
    let signer = Signer(
      secret: Secret(label: "test", bytes: Array(vector.secret.utf8)),
      options: SigningOptions(algorithm: vector.algorithm, version: vector.version, signsAllKeys: true))
    let request = try signer.sign(jsonObject: SourceText(name: "vector", text: vector.parameters))
    #expect(request.stringToSign.text == vector.stringToSign)
    #expect(request.signature.hex == vector.signature)
  }
}
