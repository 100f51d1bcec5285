import SignatureDoctor

/// Writes help screens from the same tables the parser reads.
enum HelpFormatter {
  /// The help screen of one command.
  static func help(for command: CommandSpec) -> String {
    var lines = ["OVERVIEW: \(command.summary)", ""]
    let synopsis = ([command.positionalSynopsis] + command.options.map { option in
      option.repeats ? "[\(option.synopsis)]..." : "[\(option.synopsis)]"
    }).filter { !$0.isEmpty }
    let usage = "USAGE: sigdoc \(command.name) "
    let indent = String(repeating: " ", count: usage.count)
    lines.append(usage + TextWrap.wrap(synopsis.joined(separator: " "), first: usage, indent: indent))
    if !command.positionalHelp.isEmpty {
      lines += ["", "ARGUMENTS:"]
      lines += command.positionalHelp.map { row($0.0, $0.1) }
    }
    lines += ["", "OPTIONS:"]
    lines += command.allOptions.map { option in
      let names = (option.short.map { "-\($0), " } ?? "") + option.synopsis
      return row(names, option.help)
    }
    if !command.discussion.isEmpty {
      lines += ["", command.discussion]
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The top-level help screen: what sigdoc is and its commands.
  static func overview(commands: [CommandSpec], version: String) -> String {
    var lines = [
      "OVERVIEW: sigdoc \(version) explains why Cloudinary refused a request signature.",
      "",
      "USAGE: sigdoc [diagnose] [ERRORFILE|-] [options]",
      "       sigdoc <command> [options]",
      "",
      "COMMANDS:",
    ]
    lines += commands.map { row($0.name, $0.summary) }
    lines += [
      "",
      "OPTIONS:",
      row("-h, --help", "Show this help, or a command's help after its name."),
      row("--version", "Show the version."),
      "",
      "Without a command, sigdoc runs 'diagnose'. See 'sigdoc <command> --help'.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// A name and its help, the help in a column of its own, wrapped to the report width.
  private static func row(_ name: String, _ help: String) -> String {
    let padded = name.count < 26 ? name + String(repeating: " ", count: 26 - name.count) : name + "  "
    let lead = "  " + padded
    return lead + TextWrap.wrap(help, first: lead, indent: String(repeating: " ", count: 28))
  }
}
