/// The page for a rule, as `sigdoc explain --format markdown` prints it and docs/rules/
/// holds it.
public enum RuleDocumentation {
  /// The rule's explanation in Markdown.
  public static func markdown(for rule: RuleDescription) -> String {
    var lines = ["# \(rule.slug) (\(rule.code))", "", rule.title + ".", ""]
    lines += ["## What happened", "", rule.explanation.whatHappened, ""]
    lines += ["## Why the server refused it", "", rule.explanation.whyRefused, ""]
    lines += ["## How to fix it", "", rule.explanation.howToFix, ""]
    if !rule.explanation.sdkNotes.isEmpty {
      lines += ["## In each SDK", ""]
      lines += rule.explanation.sdkNotes.map { "- **\($0.sdk)**: \($0.note)" }
      lines.append("")
    }
    let examples = rule.triggering.filter { !$0.excludeFromDocs }
    if !examples.isEmpty {
      lines += ["## Examples that trigger it", ""]
      for example in examples { lines += block(example) }
    }
    let quiet = rule.nonTriggering.filter { !$0.excludeFromDocs }
    if !quiet.isEmpty {
      lines += ["## Examples that do not", ""]
      for example in quiet { lines += block(example) }
    }
    return lines.joined(separator: "\n")
  }

  /// The explanation as plain text, for a terminal.
  public static func text(for rule: RuleDescription) -> String {
    var lines = ["\(rule.slug) (\(rule.code)): \(rule.title)", ""]
    lines += ["What happened", indent(rule.explanation.whatHappened), ""]
    lines += ["Why the server refused it", indent(rule.explanation.whyRefused), ""]
    lines += ["How to fix it", indent(rule.explanation.howToFix)]
    if !rule.explanation.sdkNotes.isEmpty {
      lines += ["", "In each SDK"]
      lines += rule.explanation.sdkNotes.map { "  \($0.sdk): \($0.note)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func block(_ example: RuleExample) -> [String] {
    var lines = ["Pasted error:", "", "```", displayed(example.error), "```", ""]
    if let params = example.params {
      lines += ["Client's parameters:", "", "```", displayed(params), "```", ""]
    }
    var notes: [String] = []
    if example.withSecret { notes.append("with the secret") }
    if let now = example.now { notes.append("with `--now \(now)`") }
    if example.isVerified { notes.append("verified") }
    if !notes.isEmpty { lines += ["(" + notes.joined(separator: ", ") + ")", ""] }
    return lines
  }

  /// An example's text as a reader sees it: markers removed, signatures computed.
  static func displayed(_ text: String) -> String {
    RuleExample.expand(text).text
  }

  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { "  " + TextWrap.wrap(String($0), first: "  ", indent: "  ") }
      .joined(separator: "\n")
  }
}
