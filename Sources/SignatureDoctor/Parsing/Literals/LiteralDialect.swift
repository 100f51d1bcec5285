/// The data-literal notations the literal parser reads.
public enum LiteralDialect: String, CaseIterable, Sendable {
  /// Strict JSON (RFC 8259): double quotes, `true`, `false`, `null`.
  case json
  /// A JavaScript object as `console.log` and `util.inspect` print it: unquoted keys,
  /// single quotes, trailing commas, `undefined`.
  case javaScript
  /// A Python `repr`: single quotes, `True`, `False`, `None`.
  case python

  /// Whether strings may be quoted with `'`.
  var allowsSingleQuotes: Bool { self != .json }
  /// Whether a key may be written without quotes.
  var allowsUnquotedKeys: Bool { self == .javaScript }
  /// Whether a `,` may come before a closing bracket.
  var allowsTrailingCommas: Bool { self != .json }
  /// Whether a string may hold raw control characters and unknown escapes.
  var isLenient: Bool { self != .json }

  /// The boolean or null a bare word stands for in this dialect.
  func constant(_ word: String) -> ParameterValue? {
    switch (self, word) {
    case (.json, "true"), (.javaScript, "true"): .boolean(true, spelling: word)
    case (.json, "false"), (.javaScript, "false"): .boolean(false, spelling: word)
    case (.json, "null"), (.javaScript, "null"), (.javaScript, "undefined"): .null(spelling: word)
    case (.python, "True"): .boolean(true, spelling: word)
    case (.python, "False"): .boolean(false, spelling: word)
    case (.python, "None"): .null(spelling: word)
    case (.javaScript, "NaN"), (.javaScript, "Infinity"), (.python, "inf"), (.python, "nan"):
      .number(word)
    default: nil
    }
  }
}
