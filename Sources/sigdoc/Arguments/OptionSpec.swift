/// One option a command accepts; the parser and the help screen both read it.
struct OptionSpec: Sendable {
  /// What follows the option.
  enum Kind: Sendable {
    /// Nothing: the option is a switch.
    case flag
    /// A value, shown in help as `placeholder`; `choices` lists the accepted values, if
    /// the set is closed.
    case value(placeholder: String, choices: [String]? = nil)
  }

  /// The long name without its dashes.
  let name: String
  /// The one-letter name, if any.
  let short: Character?
  let kind: Kind
  /// Whether the option may be given more than once.
  let repeats: Bool
  /// One line for the help screen.
  let help: String

  init(_ name: String, short: Character? = nil, _ kind: Kind = .flag, repeats: Bool = false, help: String) {
    self.name = name
    self.short = short
    self.kind = kind
    self.repeats = repeats
    self.help = help
  }

  var takesValue: Bool {
    if case .value = kind { true } else { false }
  }

  /// How the option reads in a usage line: `--format text|json`.
  var synopsis: String {
    switch kind {
    case .flag: "--\(name)"
    case .value(let placeholder, _): "--\(name) \(placeholder)"
    }
  }
}

/// A command's name, arguments and options.
struct CommandSpec: Sendable {
  let name: String
  /// One sentence for the overview and the command list.
  let summary: String
  /// The positional arguments as shown in the usage line, such as `[FILE|-]`.
  let positionalSynopsis: String
  /// Help for each positional argument: its synopsis and one line.
  let positionalHelp: [(String, String)]
  /// How many positional arguments are accepted at most.
  let maximumPositionals: Int
  let options: [OptionSpec]
  /// Paragraphs after the option list.
  let discussion: String

  /// `--help`, which every command takes.
  static let helpOption = OptionSpec("help", short: "h", help: "Show this help and exit.")

  /// The options the parser accepts: the command's own and `--help`.
  var allOptions: [OptionSpec] { options + [Self.helpOption] }
}
