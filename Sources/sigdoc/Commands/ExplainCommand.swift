import SignatureDoctor

/// `sigdoc explain RULE`: a rule's long explanation.
enum ExplainCommand {
  static let spec = CommandSpec(
    name: "explain",
    summary: "Explain a rule: what happened, why the server refused it, how to fix it.",
    positionalSynopsis: "RULE",
    positionalHelp: [("RULE", "A rule's slug or code, in any letter case: missing-source-uw, SD008.")],
    maximumPositionals: 1,
    options: [
      OptionSpec("format", .value(placeholder: "text|markdown", choices: ["text", "markdown"]),
                 help: "The output format (default: text); markdown is the page under docs/rules/."),
    ],
    discussion: "See 'sigdoc rules' for the list."
  )

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    guard let name = arguments.positionals.first else {
      throw UsageError.other("explain needs a rule's slug or code (see 'sigdoc rules')")
    }
    guard let rule = RuleCatalog.description(named: name) else {
      let names = RuleCatalog.descriptions.flatMap { [$0.slug, $0.code] }
      let suggestion = EditDistance.suggestion(for: name, among: names)
      throw UsageError.other("unknown rule '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
    }
    if arguments.value("format") == "markdown" {
      context.output.write(RuleDocumentation.markdown(for: rule) + "\n")
    } else {
      context.output.write(RuleDocumentation.text(for: rule))
    }
    return .success
  }
}
