/// One command-line argument, classified but not yet interpreted.
enum ArgumentToken: Equatable {
  /// `--name` or `--name=value`.
  case longOption(name: String, value: String?)
  /// `-x`.
  case shortOption(Character)
  /// `--`: everything after it is a plain value.
  case terminator
  /// `-`: standard input.
  case standardInput
  /// Anything else.
  case value(String)

  /// Splits `arguments` into tokens; after `--`, every argument is a value.
  ///
  /// - Throws: `UsageError.combinedShortOptions` for `-abc`, which sigdoc does not take.
  static func tokenize(_ arguments: [String]) throws(UsageError) -> [ArgumentToken] {
    var tokens: [ArgumentToken] = []
    var afterTerminator = false
    for argument in arguments {
      if afterTerminator {
        tokens.append(argument == "-" ? .standardInput : .value(argument))
        continue
      }
      switch argument {
      case "--":
        afterTerminator = true
        tokens.append(.terminator)
      case "-":
        tokens.append(.standardInput)
      case _ where argument.hasPrefix("--"):
        let body = argument.dropFirst(2)
        if let equals = body.firstIndex(of: "=") {
          let name = String(body[..<equals])
          let value = String(body[body.index(after: equals)...])
          tokens.append(.longOption(name: name, value: value))
        } else {
          tokens.append(.longOption(name: String(body), value: nil))
        }
      case _ where argument.hasPrefix("-") && Self.isNumber(argument):
        tokens.append(.value(argument))
      case _ where argument.hasPrefix("-") && argument.count == 2:
        tokens.append(.shortOption(argument.last!))
      case _ where argument.hasPrefix("-"):
        throw .combinedShortOptions(Self.flagPart(of: argument))
      default:
        tokens.append(.value(argument))
      }
    }
    return tokens
  }

  /// Whether an argument is a negative number, which is a value, not an option.
  private static func isNumber(_ argument: String) -> Bool {
    Double(argument) != nil
  }

  /// The part of `-abc=…` before any `=`, so that a value is never echoed.
  private static func flagPart(of argument: String) -> String {
    String(argument.prefix { $0 != "=" })
  }
}
