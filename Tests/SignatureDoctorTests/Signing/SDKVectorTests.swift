import Testing

@testable import SignatureDoctor

/// Every upload-parameter vector in `Fixtures/vectors/sdk-vectors.json`, taken from the
/// official SDKs' own test suites.
struct SDKVectorTests {
  struct Vector: CustomTestStringConvertible, Sendable {
    let source: String
    let parametersJSON: String
    let secret: String
    let algorithm: DigestAlgorithm
    let version: SignatureVersion
    let stringToSign: String
    let signature: String
    var testDescription: String { "\(source) (\(algorithm), v\(version.rawValue))" }
  }

  static let vectors: [Vector] = {
    let entries = (try? JSONFixture.array("vectors/sdk-vectors.json")) ?? []
    return entries.compactMap { entry -> Vector? in
      guard entry["kind"] as? String == "api_params" || entry["kind"] as? String == "api_response_signature",
        let parameters = entry["params"],
        let data = try? JSONSerialization.data(withJSONObject: parameters, options: [.sortedKeys]),
        let algorithm = (entry["algorithm"] as? String).flatMap(DigestAlgorithm.init(name:)),
        let version = (entry["signature_version"] as? Int).flatMap(SignatureVersion.init(rawValue:))
      else { return nil }
      return Vector(
        source: entry["source"] as? String ?? "?",
        parametersJSON: String(decoding: data, as: UTF8.self),
        secret: entry["secret"] as? String ?? "",
        algorithm: algorithm,
        version: version,
        stringToSign: entry["string_to_sign"] as? String ?? "",
        signature: entry["signature"] as? String ?? "")
    }
  }()

  @Test("the fixture holds the 21 upload and response vectors")
  func count() {
    #expect(Self.vectors.count == 21)
  }

  @Test("each vector's string to sign and signature are reproduced", arguments: vectors)
  func reproduce(_ vector: Vector) throws {
    let signer = Signer(
      secret: Secret(label: "test", bytes: Array(vector.secret.utf8)),
      options: SigningOptions(algorithm: vector.algorithm, version: vector.version, signsAllKeys: true))
    let request = try signer.sign(jsonObject: SourceText(name: "vector", text: vector.parametersJSON))
    #expect(request.stringToSign.text == vector.stringToSign)
    #expect(request.signature.hex == vector.signature)
  }
}

import Foundation
