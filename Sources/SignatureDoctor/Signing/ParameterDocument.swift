/// A JSON object of parameters, as `sigdoc sign` reads it.
public enum ParameterDocument {
  /// Reads a JSON object whose members are the parameters, in the order written.
  ///
  /// A key that appears twice is refused: a signer given both values cannot know which one
  /// the server will see. Keys are compared by code point, so `é` and `e` + U+0301 are two
  /// keys, as they are to the server.
  /// - Throws: `InputError` for JSON that is malformed, nested too deeply, not an object, or
  ///   repeats a key.
  public static func parameters(
    fromJSON source: SourceText,
    limits: InputLimits = .standard
  ) throws(InputError) -> [Parameter] {
    do throws(LiteralFailure) {
      let value = try source.bytes.withUnsafeBufferPointer { (buffer) throws(LiteralFailure) in
        try LiteralParser.value(of: buffer, dialect: .json, maximumDepth: limits.maximumDepth)
      }
      guard case .map(let members) = value else {
        let start = source.bytes.firstIndex { $0 > 0x20 } ?? 0
        throw LiteralFailure(offset: start, problem: .unusable(
          "expected a JSON object of parameters, found \(value.kindDescription)"))
      }
      // NB: keys are told apart by their UTF-8 bytes, which differ exactly when their code
      // points do.
      var seen: [[UInt8]: Parameter] = [:]
      for member in members {
        guard let first = seen.updateValue(member, forKey: Array(member.key.utf8)) else { continue }
        throw repeatedKeyFailure(
          member.key,
          first: first.keySpan ?? 0..<0,
          second: member.keySpan ?? 0..<0,
          in: source.bytes
        )
      }
      return members
    } catch {
      throw InputError(source.name, at: source.location(ofByte: error.offset), error.problem)
    }
  }

  /// Reads a JSON object of parameters and builds its string to sign in the same pass,
  /// without keeping the parameters.
  ///
  /// The rules are those of `parameters(fromJSON:)` followed by `StringToSign`.
  static func stringToSign(
    fromJSON buffer: UnsafeBufferPointer<UInt8>,
    options: SigningOptions,
    maximumDepth: Int
  ) throws(LiteralFailure) -> StringToSign {
    var builder = StringToSignBuilder(options: options)
    return try stringToSign(fromJSON: buffer, using: &builder, maximumDepth: maximumDepth)
  }

  /// As `stringToSign(fromJSON:options:maximumDepth:)`, with a builder whose buffers are
  /// reused from one line to the next.
  static func stringToSign(
    fromJSON buffer: UnsafeBufferPointer<UInt8>,
    using builder: inout StringToSignBuilder,
    maximumDepth: Int
  ) throws(LiteralFailure) -> StringToSign {
    try read(json: buffer, into: &builder, maximumDepth: maximumDepth)
    return builder.finish()
  }

  /// Reads a JSON object of parameters into `builder`, whose buffers are reused from one
  /// line to the next; `builder.finish` then writes the string.
  static func read(
    json buffer: UnsafeBufferPointer<UInt8>,
    into builder: inout StringToSignBuilder,
    maximumDepth: Int
  ) throws(LiteralFailure) {
    builder.reset()
    // NB: the builder is swapped in and out rather than copied, so that its buffers stay
    // uniquely referenced and are reused instead of copied on the first write.
    var parser = LiteralParser(buffer, dialect: .json, handler: StringToSignBuilder(options: builder.options),
                               maximumDepth: maximumDepth)
    swap(&parser.handler, &builder)
    defer { swap(&parser.handler, &builder) }
    try parser.parseDocument()
    if let repeated = parser.handler.repeatedKey {
      throw repeatedKeyFailure(
        repeated.key,
        first: repeated.firstSpan,
        second: repeated.secondSpan,
        in: buffer
      )
    }
  }

  static func repeatedKeyFailure(
    _ key: String,
    first: Range<Int>,
    second: Range<Int>,
    in bytes: some BidirectionalCollection<UInt8>
  ) -> LiteralFailure {
    let location = SourceLocation(ofByte: first.lowerBound, in: bytes)
    return LiteralFailure(offset: second.lowerBound, problem: .unusable(
      "the key '\(key)' appears twice (first at \(location)); keep one value"))
  }
}
