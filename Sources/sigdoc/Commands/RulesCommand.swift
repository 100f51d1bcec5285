import SignatureDoctor

/// `sigdoc rules`: the rule catalog, one line each.
enum RulesCommand {
  static let spec = CommandSpec(
    name: "rules",
    summary: "List the rules sigdoc applies.",
    positionalSynopsis: "",
    positionalHelp: [],
    maximumPositionals: 0,
    options: [
      OptionSpec("format", .value(placeholder: "text|json", choices: ["text", "json"]),
                 help: "The output format (default: text)."),
    ],
    discussion: "See 'sigdoc explain RULE' for a rule's explanation."
  )

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let rules = RuleCatalog.descriptions
    if arguments.value("format") == "json" {
      let list = JSONValue.array(rules.map { rule in
        .object(["code": .string(rule.code), "slug": .string(rule.slug), "title": .string(rule.title)])
      })
      context.output.write(list.pretty)
      return .success
    }
    let style = context.style
    let width = rules.map(\.slug.count).max() ?? 0
    for rule in rules {
      let padding = String(repeating: " ", count: width - rule.slug.count)
      context.output.write(
        style.dim(rule.code) + "  " + style.bold(rule.slug + padding) + "  " + rule.title + "\n"
      )
    }
    return .success
  }
}
