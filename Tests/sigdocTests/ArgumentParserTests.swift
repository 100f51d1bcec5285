import Testing

@testable import sigdoc
import SignatureDoctor

struct ArgumentParserTests {
  static let spec = CommandSpec(
    name: "demo",
    summary: "A command for tests.",
    positionalSynopsis: "[FILE|-]",
    positionalHelp: [],
    maximumPositionals: 1,
    options: [
      OptionSpec("format", .value(placeholder: "text|json", choices: ["text", "json"]), help: "Format."),
      OptionSpec("secret-env", .value(placeholder: "NAME"), repeats: true, help: "Secret."),
      OptionSpec("jsonl", help: "Lines."),
      OptionSpec("output", short: "o", .value(placeholder: "PATH"), help: "Output."),
    ],
    discussion: ""
  )

  func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    try ArgumentParser.parse(arguments, for: Self.spec)
  }

  @Test("tokens keep options, values, '-' and everything after '--'")
  func tokens() throws {
    #expect(try ArgumentToken.tokenize(["--format=json", "-o", "x", "-", "--", "--jsonl", "-"]) == [
      .longOption(name: "format", value: "json"), .shortOption("o"), .value("x"), .standardInput, .terminator,
      .value("--jsonl"), .standardInput,
    ])
  }

  @Test("--format takes its value after '=' or as the next argument")
  func formatOption() throws {
    #expect(try parse(["--format", "json"]).value("format") == "json")
    #expect(try parse(["--format=text"]).value("format") == "text")
  }

  @Test("--secret-env repeats and keeps its order")
  func repeatable() throws {
    #expect(try parse(["--secret-env", "A", "--secret-env=B"]).values("secret-env") == ["A", "B"])
  }

  @Test("-o is --output, and '-' is a positional meaning standard input")
  func shortOptionAndStandardInput() throws {
    let parsed = try parse(["-o", "out.json", "-"])
    #expect(parsed.value("output") == "out.json")
    #expect(parsed.positionals == ["-"])
  }

  @Test("--help wins over anything else before '--'")
  func help() throws {
    #expect(try parse(["--fromat", "x", "-h"]).wantsHelp)
    #expect(throws: UsageError.unexpectedArgument("-h")) { try parse(["a", "--", "-h"]) }
  }

  @Test("bad invocations give exact messages", arguments: [
    (["--fromat", "json"], "unknown option '--fromat' (did you mean '--format'?)"),
    (["--zzz"], "unknown option '--zzz'"),
    (["--format"], "option '--format' needs a value"),
    (["--format", "xml"], "'xml' is not a valid value for '--format' (expected text or json)"),
    (["--jsonl=yes"], "option '--jsonl' takes no value"),
    (["--format", "json", "--format", "text"], "option '--format' may be given only once"),
    (["a", "b"], "unexpected argument 'b'"),
    (["-xyz"], "'-xyz' is not an option; give short options one at a time"),
    (["--secret", "abc"], "'--secret' is refused: secrets are never taken from arguments, where shell history and"
      + " process lists keep them; use --secret-env NAME, --secret-file PATH, CLOUDINARY_URL or CLOUDINARY_API_SECRET"),
    (["--api-secret=abc"], "'--api-secret' is refused: secrets are never taken from arguments, where shell history"
      + " and process lists keep them; use --secret-env NAME, --secret-file PATH, CLOUDINARY_URL or"
      + " CLOUDINARY_API_SECRET"),
    (["cloudinary://1:secret@demo"], "an argument holds a cloudinary:// URL, which carries the API secret; set"
      + " CLOUDINARY_URL in the environment instead"),
  ])
  func badInvocations(arguments: [String], message: String) {
    do throws(UsageError) {
      _ = try parse(arguments)
      Issue.record("parsed \(arguments)")
    } catch {
      #expect(error.message == message)
    }
  }

  @Test("negative numbers are values, not options")
  func negativeNumbers() throws {
    #expect(try parse(["-5"]).positionals == ["-5"])
  }

  @Test("suggestions come from edit distance and only for plausible typos")
  func suggestions() {
    #expect(EditDistance.suggestion(for: "fromat", among: ["format", "output"]) == "format")
    #expect(EditDistance.suggestion(for: "xyz", among: ["format", "output"]) == nil)
    #expect(EditDistance.distance("kitten", "sitting") == 3)
  }

  @Test("help lists every option of the table")
  func helpScreen() {
    let help = HelpFormatter.help(for: Self.spec)
    for option in Self.spec.allOptions {
      #expect(help.contains("--\(option.name)"), "\(option.name)")
    }
    #expect(help.hasPrefix("OVERVIEW: A command for tests.\n\nUSAGE: sigdoc demo [FILE|-] [--format text|json]"))
  }

  @Test(
    "every command's help screen fits the report width, help text wrapped in its column",
    arguments: [("diagnose", true), ("sign", true), ("rules", false), ("explain", true)]
  )
  func helpWidth(command: String, hasLongHelp: Bool) {
    let result = runSigdoc([command, "--help"])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
    for line in lines {
      #expect(line.count <= TextWrap.width, "\(line.count) columns: \(line)")
    }
    #expect(result.output.contains("\n                            ") == hasLongHelp)
  }
}

