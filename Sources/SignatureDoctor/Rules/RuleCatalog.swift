/// Every rule, in slug order.
public enum RuleCatalog {
  /// The rules, one instance each.
  public static let all: [any Rule] = types.map { $0.init() }

  /// The rule types.
  public static let types: [any Rule.Type] = [
    AlgorithmMismatchRule.self,
    DigestConstructionRule.self,
    EmptyValueRule.self,
    EncodingMismatchRule.self,
    ExcludedKeySignedRule.self,
    InvalidCloudNameRule.self,
    KeyPairMismatchRule.self,
    MissingAPIKeyRule.self,
    MissingParameterRule.self,
    MissingSourceUWRule.self,
    NestedDataRule.self,
    NullValueRule.self,
    ParamNotSentRule.self,
    ParamNotSignedRule.self,
    SecretFormatRule.self,
    SignatureFormatRule.self,
    StaleTimestampRule.self,
    TimestampFormatRule.self,
    TimestampInMillisecondsRule.self,
    TimestampMismatchRule.self,
    UnknownAPIKeyRule.self,
    UnsignedUploadRejectedRule.self,
    UnsortedParamsRule.self,
    ValueMismatchRule.self,
    WrongSecretRule.self,
  ]

  /// The descriptions, in slug order.
  public static var descriptions: [RuleDescription] { types.map { $0.description } }

  /// The rule whose slug or code is `name`, in any letter case.
  public static func description(named name: String) -> RuleDescription? {
    let lowered = name.lowercased()
    return descriptions.first { $0.slug == lowered || $0.code.lowercased() == lowered }
  }
}
