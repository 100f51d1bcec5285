/// Signs parameters the way Cloudinary's server checks them.
public struct Signer: Sendable {
  /// How strings are built and digested.
  public let options: SigningOptions
  private let secret: Secret
  private let digester: any Digester

  /// Creates a signer with one secret.
  public init(
    secret: Secret,
    options: SigningOptions = SigningOptions(),
    digester: any Digester = OpenSSLDigester()
  ) {
    self.secret = secret
    self.options = options
    self.digester = digester
  }

  /// Where the secret came from.
  public var secretLabel: String { secret.label }

  /// The canonical string and its signature.
  ///
  /// - Throws: `SigningError` for a value that cannot be signed, `OpenSSLError` when
  ///   libcrypto refuses.
  public func sign(_ parameters: [Parameter]) throws -> SignedRequest {
    let stringToSign = try StringToSign(parameters, options: options)
    return SignedRequest(stringToSign: stringToSign, signature: try signature(of: stringToSign.bytes))
  }

  /// Signs a JSON object of parameters read from an input, as `sigdoc sign` does.
  ///
  /// - Throws: `InputError` for JSON that cannot be signed (see
  ///   `ParameterDocument.parameters(fromJSON:)`), `OpenSSLError` when libcrypto refuses.
  public func sign(jsonObject source: SourceText, limits: InputLimits = .standard) throws -> SignedRequest {
    let stringToSign: StringToSign
    do throws(LiteralFailure) {
      stringToSign = try source.bytes.withUnsafeBufferPointer { (buffer) throws(LiteralFailure) in
        try ParameterDocument.stringToSign(
          fromJSON: buffer,
          options: options,
          maximumDepth: limits.maximumDepth
        )
      }
    } catch {
      throw InputError(source.name, at: source.location(ofByte: error.offset), error.problem)
    }
    return SignedRequest(stringToSign: stringToSign, signature: try signature(of: stringToSign.bytes))
  }

  /// The signature of a string to sign: the digest of the string followed by the secret.
  ///
  /// - Throws: `OpenSSLError` when libcrypto refuses.
  public func signature(of stringToSign: [UInt8]) throws(OpenSSLError) -> Digest {
    try digester.digest(of: stringToSign, followedBy: secret.bytes, using: options.algorithm)
  }
}

/// A string to sign and the signature it gives.
public struct SignedRequest: Hashable, Sendable {
  /// The canonical string.
  public let stringToSign: StringToSign
  /// The digest of the string and the secret.
  public let signature: Digest

  /// Creates a signed request.
  public init(stringToSign: StringToSign, signature: Digest) {
    self.stringToSign = stringToSign
    self.signature = signature
  }

  /// The JSON object `sign` writes: `signature` and `string_to_sign`.
  public var json: JSONValue {
    .object(["signature": .string(signature.hex), "string_to_sign": .string(stringToSign.text)])
  }

  /// Appends `json` in compact form, written directly because `sign --jsonl` writes
  /// millions of them.
  public func appendCompactJSON(to output: inout [UInt8]) {
    Self.appendCompactJSON(signature: signature, stringToSign: stringToSign.bytes, to: &output)
  }

  /// Appends the object for a signature and the bytes of its string to sign, for callers
  /// that keep the string in a buffer of their own.
  static func appendCompactJSON(signature: Digest, stringToSign: [UInt8], to output: inout [UInt8]) {
    output.append(contentsOf: #"{"signature":""#.utf8)
    signature.appendHex(to: &output)
    output.append(contentsOf: #"","string_to_sign":""#.utf8)
    stringToSign.withUnsafeBufferPointer { JSONValue.appendEscaped($0, to: &output) }
    output.append(contentsOf: #""}"#.utf8)
  }
}
