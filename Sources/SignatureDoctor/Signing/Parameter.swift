/// One request parameter as a client gave it: a name, a value, and where both were written.
public struct Parameter: Hashable, Sendable {
  /// The name, such as `timestamp`.
  public var key: String
  /// The value, in the spelling it was given.
  public var value: ParameterValue
  /// The bytes of the input that hold the name, when it came from an input.
  public var keySpan: Range<Int>?
  /// The bytes of the input that hold the value, when it came from an input.
  public var valueSpan: Range<Int>?

  /// Creates a parameter.
  public init(
    _ key: String,
    _ value: ParameterValue,
    keySpan: Range<Int>? = nil,
    valueSpan: Range<Int>? = nil
  ) {
    self.key = key
    self.value = value
    self.keySpan = keySpan
    self.valueSpan = valueSpan
  }
}

/// A parameter's value as written, so that rules can tell a JSON `false` from the text
/// `"false"`, or Python's `None` from JavaScript's `undefined`.
public enum ParameterValue: Hashable, Sendable {
  /// Text.
  case string(String)
  /// A number, kept exactly as written: `1.0` stays `1.0`.
  case number(String)
  /// A boolean and its spelling: `true`, `True`, `TRUE`.
  case boolean(Bool, spelling: String)
  /// No value, and its spelling: `null`, `None`, `undefined`, `NULL`, `nil`.
  case null(spelling: String)
  /// A list, in order.
  case list([ParameterValue])
  /// A map of named values, in the order given; a key may repeat.
  case map([Parameter])
}

extension ParameterValue {
  /// Whether the value is a list or a map.
  public var isStructured: Bool {
    switch self {
    case .list, .map: true
    default: false
    }
  }

  /// The text a plain value stands for: the string itself, a number's digits, a boolean's
  /// or null's spelling; `nil` for lists and maps.
  public var scalarText: String? {
    switch self {
    case .string(let text), .number(let text): text
    case .boolean(_, let spelling), .null(let spelling): spelling
    case .list, .map: nil
    }
  }

  /// A short name for the kind of value, for messages: `a string`, `a list`.
  public var kindDescription: String {
    switch self {
    case .string: "a string"
    case .number: "a number"
    case .boolean: "a boolean"
    case .null: "null"
    case .list: "a list"
    case .map: "a map"
    }
  }
}
