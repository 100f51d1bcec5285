// The JSON forms of what was read, as `sigdoc diagnose --format json` writes them
// (docs/json.md).

extension ServerReport {
  /// The report as an entry of the `reports` array, with its place in `source`.
  public func json(in source: SourceText) -> JSONValue {
    var object: [String: JSONValue] = [
      "kind": .string(kind.rawValue),
      "location": source.location(ofByte: span.lowerBound).json,
    ]
    if let signature { object["signature"] = .string(signature.text) }
    if let stringToSign { object["string_to_sign"] = .string(stringToSign.text) }
    if kind == .invalidSignature || isTruncated { object["truncated"] = .bool(isTruncated) }
    if let reportedTime { object["reported_time"] = .integer(reportedTime) }
    if let parameter { object["parameter"] = .string(parameter) }
    if let apiKey { object["api_key"] = .string(apiKey) }
    if let cloudName { object["cloud_name"] = .string(cloudName) }
    if let httpStatus { object["http_status"] = .integer(httpStatus) }
    if !layers.isEmpty { object["layers"] = .array(layers.map(JSONValue.string)) }
    return .object(object)
  }
}

extension ClientEvidence {
  /// The `client` object: the format, the canonical string the parameters give under the
  /// reference signer (or the logged string, as it is), and the parameters as read.
  public func json(in source: SourceText) -> JSONValue {
    var object: [String: JSONValue] = [
      "format": .string(format.rawValue),
      "string_to_sign": canonicalStringToSign.map(JSONValue.string) ?? .null,
      "parameters": .array(parameters.map { $0.json(in: source) }),
    ]
    if !repeatedKeys.isEmpty { object["repeated_keys"] = .array(repeatedKeys.map(JSONValue.string)) }
    if !notes.isEmpty { object["notes"] = .array(notes.map(JSONValue.string)) }
    return .object(object)
  }

  /// The string to sign the client's parameters give under the reference signer, with
  /// nested values written as the server writes them; for a logged string, that string.
  public var canonicalStringToSign: String? {
    if let loggedStringToSign { return loggedStringToSign.text }
    let options = SigningOptions(nestedValues: .renderLikeServer)
    return try? StringToSign(parameters, options: options).text
  }
}

extension Parameter {
  /// The parameter as `{"key", "type", "value"}`, with the line and column of its key.
  public func json(in source: SourceText?) -> JSONValue {
    guard case .object(var object) = value.json else { return .null }
    object["key"] = .string(key)
    if let source, let keySpan {
      object["location"] = source.location(ofByte: keySpan.lowerBound).json
    }
    return .object(object)
  }
}

extension ParameterValue {
  /// The value as `{"type", "value"}`: text, a number's digits and a boolean's or null's
  /// spelling stay as written; lists and maps hold their entries.
  public var json: JSONValue {
    switch self {
    case .string(let text): .object(["type": "string", "value": .string(text)])
    case .number(let text): .object(["type": "number", "value": .string(text)])
    case .boolean(_, let spelling): .object(["type": "boolean", "value": .string(spelling)])
    case .null(let spelling): .object(["type": "null", "value": .string(spelling)])
    case .list(let elements): .object(["type": "list", "value": .array(elements.map(\.json))])
    case .map(let members): .object(["type": "map", "value": .array(members.map { $0.json(in: nil) })])
    }
  }
}

extension SourceLocation {
  /// `{"line": L, "column": C}`.
  public var json: JSONValue {
    .object(["line": .integer(line), "column": .integer(column)])
  }
}
