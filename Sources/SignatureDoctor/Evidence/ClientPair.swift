/// One parameter of the client's, as the reference signer would write it.
public struct ClientPair: Hashable, Sendable {
  /// The key.
  public let key: String
  /// The value as the reference signer writes it, or `nil` when the signer leaves the
  /// parameter out (null, empty, or a key the server excludes).
  public let value: String?
  /// The parameter as given, when the client gave parameters rather than a string.
  public let parameter: Parameter?
  /// Where it is in the `--params` input.
  public let span: Range<Int>?

  public init(key: String, value: String?, parameter: Parameter?, span: Range<Int>?) {
    self.key = key
    self.value = value
    self.parameter = parameter
    self.span = span
  }

  /// `key=value` as the reference signer writes it, when it writes it.
  public var text: String? { value.map { key + "=" + $0 } }

  /// The client's pairs, in the client's order: its parameters rendered by the reference
  /// signer (nested values as the server writes them), or the pairs of its logged string.
  static func pairs(of client: ClientEvidence) -> [ClientPair] {
    if let logged = client.loggedStringToSign {
      return SignedPair.pairs(in: logged.text).map { pair in
        ClientPair(key: pair.key, value: pair.value, parameter: nil, span: logged.inputSpan(of: pair.range))
      }
    }
    let options = SigningOptions(version: .v1, nestedValues: .renderLikeServer)
    return client.parameters.map { parameter in
      let rendered =
        SigningOptions.isExcluded(parameter.key)
        ? nil
        : (try? StringToSign.render(parameter, options: options)) ?? nil
      let span = parameter.keySpan.map { key in
        key.lowerBound..<(parameter.valueSpan?.upperBound ?? key.upperBound)
      }
      return ClientPair(key: parameter.key, value: rendered, parameter: parameter, span: span)
    }
  }
}
