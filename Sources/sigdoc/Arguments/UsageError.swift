/// A command line that sigdoc cannot act on. Every case exits with status 2.
enum UsageError: Error, Equatable {
  case unknownOption(String, suggestion: String?)
  case missingValue(option: String)
  case unexpectedValue(option: String)
  case invalidValue(option: String, value: String, expected: String)
  case repeatedOption(String)
  case unexpectedArgument(String)
  case combinedShortOptions(String)
  case secretInArguments(option: String)
  case cloudinaryURLInArguments
  case missingInput(command: String)
  case conflictingOptions(String, String)
  case other(String)

  /// The message, in lower case and without a final period.
  var message: String {
    switch self {
    case .unknownOption(let option, let suggestion):
      "unknown option '\(option)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    case .missingValue(let option):
      "option '\(option)' needs a value"
    case .unexpectedValue(let option):
      "option '\(option)' takes no value"
    case .invalidValue(let option, let value, let expected):
      "'\(value)' is not a valid value for '\(option)' (expected \(expected))"
    case .repeatedOption(let option):
      "option '\(option)' may be given only once"
    case .unexpectedArgument(let argument):
      "unexpected argument '\(argument)'"
    case .combinedShortOptions(let argument):
      "'\(argument)' is not an option; give short options one at a time"
    case .secretInArguments(let option):
      "'\(option)' is refused: secrets are never taken from arguments, where shell history and"
        + " process lists keep them; use --secret-env NAME, --secret-file PATH, CLOUDINARY_URL or"
        + " CLOUDINARY_API_SECRET"
    case .cloudinaryURLInArguments:
      "an argument holds a cloudinary:// URL, which carries the API secret; set CLOUDINARY_URL in"
        + " the environment instead"
    case .missingInput(let command):
      "no input: give a file, or '-' to read standard input (see 'sigdoc \(command) --help')"
    case .conflictingOptions(let first, let second):
      "options '\(first)' and '\(second)' cannot be used together"
    case .other(let message):
      message
    }
  }
}
