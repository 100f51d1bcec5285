import SignatureDoctor

/// The command line: picks a command, runs it, and turns what happened into an exit status.
enum Sigdoc {
  static let version = "0.1.0"

  /// The commands, in the order help lists them.
  static var commands: [Command] {
    [
      Command(spec: DiagnoseCommand.spec, run: DiagnoseCommand.run),
      Command(spec: SignCommand.spec, run: SignCommand.run),
      Command(spec: RulesCommand.spec, run: RulesCommand.run),
      Command(spec: ExplainCommand.spec, run: ExplainCommand.run),
    ]
  }

  /// Runs one invocation; `arguments` excludes the program name.
  static func run(_ arguments: [String], context: CommandContext) -> Int32 {
    defer {
      context.output.flush()
      context.errors.flush()
    }
    do {
      return try dispatch(arguments, context: context).rawValue
    } catch {
      context.errors.write(ErrorLine.text(for: error) + "\n")
      return ExitStatus.failure.rawValue
    }
  }

  private static func dispatch(_ arguments: [String], context: CommandContext) throws -> ExitStatus {
    switch arguments.first {
    case nil where context.standardInputIsTerminal, "--help", "-h", "help":
      context.output.write(HelpFormatter.overview(commands: commands.map(\.spec), version: version))
      return .success
    case "--version":
      context.output.write("sigdoc \(version)\n")
      return .success
    default:
      break
    }

    let (command, rest) = try select(arguments)
    let parsed = try ArgumentParser.parse(rest, for: command.spec)
    if parsed.wantsHelp {
      context.output.write(HelpFormatter.help(for: command.spec))
      return .success
    }
    return try command.run(parsed, context)
  }

  private static func select(_ arguments: [String]) throws(UsageError) -> (Command, [String]) {
    if let name = arguments.first, let command = commands.first(where: { $0.spec.name == name }) {
      return (command, Array(arguments.dropFirst()))
    }
    guard let diagnose = commands.first(where: { $0.spec.name == "diagnose" }) else {
      let name = arguments.first ?? ""
      let suggestion = EditDistance.suggestion(for: name, among: commands.map(\.spec.name))
      throw .other("unknown command '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
    }
    return (diagnose, arguments)
  }
}

/// A command's table and the function that runs it.
struct Command {
  let spec: CommandSpec
  let run: (ParsedArguments, CommandContext) throws -> ExitStatus
}
