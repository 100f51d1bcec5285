import SignatureDoctor

/// `sigdoc diagnose` (the default command): why Cloudinary refused a signature.
enum DiagnoseCommand {
  static let spec = CommandSpec(
    name: "diagnose",
    summary: "Explain why Cloudinary refused a signature, best explanation first.",
    positionalSynopsis: "[ERRORFILE|-]",
    positionalHelp: [("ERRORFILE|-", "The pasted error, in any shape; '-' or no file reads standard input.")],
    maximumPositionals: 1,
    options: [
      OptionSpec("params", .value(placeholder: "FILE|-"),
                 help: "What the client signed: JSON, a JS or Python object, PHP output, a form body, a string."),
      OptionSpec("params-format", .value(placeholder: "NAME"),
                 help: "Read --params as json, javascript, python, php-print-r, php-var-dump, php-var-export, form"
                   + " or string-to-sign instead of detecting it."),
      OptionSpec("now", .value(placeholder: "UNIXTIME"),
                 help: "The time to judge timestamps against, in Unix seconds (sigdoc never reads the clock)."),
      OptionSpec("format", .value(placeholder: "text|json|sarif", choices: Reporters.identifiers),
                 help: "The output format (default: text)."),
      OptionSpec("output", short: "o", .value(placeholder: "PATH"),
                 help: "Write the report to PATH, which appears only if the run succeeds."),
    ] + secretOptions,
    discussion: """
      With a secret (CLOUDINARY_URL, CLOUDINARY_API_SECRET, --secret-env, --secret-file),
      sigdoc digests what the client may have signed instead and marks a finding verified
      when it reproduces the signature that was sent. Secrets are never taken from arguments.

      Exit status: 0 when nothing is amiss in what was given, 1 with findings, 2 for bad input.

      EXAMPLE: sigdoc diagnose Fixtures/cases/widget-missing-source/error.txt \\
                 --params Fixtures/cases/widget-missing-source/params.json
      """
  )

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    let errorPath = try context.inputPath(arguments.positionals.first, command: spec.name)
    let paramsPath = arguments.value("params")
    if errorPath == "-", paramsPath == "-" {
      throw UsageError.other(
        "standard input can be read only once; give the error or the parameters as a file"
      )
    }
    let now = try arguments.value("now").map(parseNow)
    let paramsFormat = try paramsFormat(arguments)
    let credentials = try context.loadCredentials(secretSources(arguments))

    let errorSource = try context.readSource(errorPath)
    let reports = try ServerErrorReader.reports(in: errorSource)
    var paramsSource: SourceText?
    var client: ClientEvidence?
    if let paramsPath {
      let source = try context.readSource(paramsPath)
      client = try ClientParameterReader.read(source, format: paramsFormat)
      paramsSource = source
    }

    let evidence = Evidence(
      errorSource: errorSource, reports: reports, paramsSource: paramsSource, client: client,
      credentials: credentials, now: now)
    let diagnosis = try DiagnosisEngine().diagnose(evidence)
    let format = arguments.value("format") ?? TextReporter.identifier
    let styled = Reporters.reporter(named: format)!.report(diagnosis)
    let colored = format == TextReporter.identifier && arguments.value("output") == nil
    try context.deliver(render(styled, style: colored ? context.style : TextStyle(enabled: false)),
                        to: arguments.value("output"))
    return diagnosis.findings.isEmpty ? .success : .findings
  }

  static func paramsFormat(_ arguments: ParsedArguments) throws(UsageError) -> ClientEvidence.Format? {
    guard let name = arguments.value("params-format") else { return nil }
    guard let format = ClientParameterReader.format(named: name) else {
      throw .invalidValue(
        option: "--params-format",
        value: name,
        expected: "json, javascript, python, php-print-r,"
          + " php-var-dump, php-var-export, form or string-to-sign"
      )
    }
    return format
  }

  static func parseNow(_ text: String) throws(UsageError) -> Int {
    guard let value = Int(text), value >= 0, text.allSatisfy(\.isASCIIDigit) else {
      throw .invalidValue(
        option: "--now",
        value: text,
        expected: "a Unix time in seconds, such as 1685544025"
      )
    }
    return value
  }

  /// Styled text for a terminal, or plain.
  static func render(_ text: StyledText, style: TextStyle) -> String {
    text.parts.map { part in
      switch part.style {
      case .plain: part.text
      case .strong: style.bold(part.text)
      case .faint: style.dim(part.text)
      case .good: style.green(part.text)
      case .bad: style.red(part.text)
      case .rule: style.cyan(part.text)
      }
    }.joined()
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
