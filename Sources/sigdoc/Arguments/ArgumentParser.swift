/// Options and arguments read against a command's table.
struct ParsedArguments: Equatable {
  /// The positional arguments in order; `-` stands for standard input.
  var positionals: [String] = []
  /// Whether `--help` or `-h` was given.
  var wantsHelp = false
  private var values: [String: [String]] = [:]
  private var flags: Set<String> = []

  /// The value of an option given once, if it was given.
  func value(_ name: String) -> String? { values[name]?.last }
  /// Every value of a repeatable option, in order.
  func values(_ name: String) -> [String] { values[name] ?? [] }
  /// Whether a flag was given.
  func isSet(_ name: String) -> Bool { flags.contains(name) }

  fileprivate mutating func record(_ spec: OptionSpec, value: String?) throws(UsageError) {
    if !spec.repeats, flags.contains(spec.name) || values[spec.name] != nil {
      throw .repeatedOption("--\(spec.name)")
    }
    if let value {
      values[spec.name, default: []].append(value)
    } else {
      flags.insert(spec.name)
    }
  }
}

/// Reads command-line arguments against a `CommandSpec`.
enum ArgumentParser {
  /// Parses the arguments that follow the command's name.
  ///
  /// `--help` wins over every other problem, so that a user who asks for help gets it.
  /// - Throws: `UsageError` for anything the table does not allow.
  static func parse(_ arguments: [String], for command: CommandSpec) throws(UsageError) -> ParsedArguments {
    let tokens = try ArgumentToken.tokenize(arguments)
    var parsed = ParsedArguments()
    if let terminator = tokens.firstIndex(of: .terminator) ?? Optional(tokens.endIndex),
      tokens[..<terminator].contains(where: {
        $0 == .longOption(name: "help", value: nil) || $0 == .shortOption("h")
      })
    {
      parsed.wantsHelp = true
      return parsed
    }

    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      index += 1
      switch token {
      case .terminator:
        continue
      case .standardInput:
        try appendPositional("-", to: &parsed, command: command)
      case .value(let value):
        try appendPositional(value, to: &parsed, command: command)
      case .shortOption(let letter):
        guard let spec = command.allOptions.first(where: { $0.short == letter }) else {
          throw .unknownOption("-\(letter)", suggestion: nil)
        }
        try read(spec, inlineValue: nil, tokens: tokens, index: &index, into: &parsed)
      case .longOption(let name, let inlineValue):
        guard let spec = command.allOptions.first(where: { $0.name == name }) else {
          throw unknownOptionError(name, command: command)
        }
        try read(spec, inlineValue: inlineValue, tokens: tokens, index: &index, into: &parsed)
      }
    }
    return parsed
  }
}

private extension ArgumentParser {
  static func read(
    _ spec: OptionSpec,
    inlineValue: String?,
    tokens: [ArgumentToken],
    index: inout Int,
    into parsed: inout ParsedArguments
  ) throws(UsageError) {
    guard case .value(_, let choices) = spec.kind else {
      guard inlineValue == nil else { throw .unexpectedValue(option: "--\(spec.name)") }
      return try parsed.record(spec, value: nil)
    }

    var value = inlineValue
    if value == nil, index < tokens.count {
      switch tokens[index] {
      case .value(let next):
        value = next
        index += 1
      case .standardInput:
        value = "-"
        index += 1
      default:
        break
      }
    }
    guard let value, !value.isEmpty else { throw .missingValue(option: "--\(spec.name)") }
    try refuseCloudinaryURL(value)
    if let choices, !choices.contains(value) {
      throw .invalidValue(option: "--\(spec.name)", value: value, expected: listing(choices))
    }
    try parsed.record(spec, value: value)
  }

  static func appendPositional(
    _ value: String,
    to parsed: inout ParsedArguments,
    command: CommandSpec
  ) throws(UsageError) {
    try refuseCloudinaryURL(value)
    guard parsed.positionals.count < command.maximumPositionals else { throw .unexpectedArgument(value) }
    parsed.positionals.append(value)
  }

  static func refuseCloudinaryURL(_ value: String) throws(UsageError) {
    if value.lowercased().hasPrefix("cloudinary://") { throw .cloudinaryURLInArguments }
  }

  static func unknownOptionError(_ name: String, command: CommandSpec) -> UsageError {
    let lowered = name.lowercased()
    if ["secret", "password", "passwd", "credential"].contains(where: lowered.contains) {
      return .secretInArguments(option: "--\(name)")
    }
    let names = command.allOptions.map(\.name)
    let suggestion = EditDistance.suggestion(for: name, among: names).map { "--\($0)" }
    return .unknownOption("--\(name)", suggestion: suggestion)
  }

  /// `a`, `a or b`, `a, b or c`.
  static func listing(_ choices: [String]) -> String {
    guard choices.count > 1 else { return choices.first ?? "" }
    return choices.dropLast().joined(separator: ", ") + " or " + choices.last!
  }
}
