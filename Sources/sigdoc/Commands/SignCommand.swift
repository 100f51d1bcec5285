import SignatureDoctor

/// `sigdoc sign`: the string to sign and the signature for a JSON object of parameters.
enum SignCommand {
  static let spec = CommandSpec(
    name: "sign",
    summary: "Compute Cloudinary's string to sign and signature for a set of parameters.",
    positionalSynopsis: "[FILE|-]",
    positionalHelp: [("FILE|-", "A JSON object of parameters; '-' or no file reads standard input.")],
    maximumPositionals: 1,
    options: [
      OptionSpec("algorithm", .value(placeholder: "sha1|sha256", choices: ["sha1", "sha256"]),
                 help: "The digest (default: sha1)."),
      OptionSpec("signature-version", .value(placeholder: "1|2", choices: ["1", "2"]),
                 help: "2 writes '&' inside a pair as %26, 1 does not (default: 2)."),
      OptionSpec("all-keys", help: "Sign file, cloud_name, resource_type, api_key and signature too."),
      OptionSpec("jsonl", help: "Read one JSON object per line; write one JSON object per line."),
      OptionSpec("format", .value(placeholder: "text|json", choices: ["text", "json"]),
                 help: "The output format (default: text)."),
      OptionSpec("output", short: "o", .value(placeholder: "PATH"),
                 help: "Write the output to PATH, which appears only if the run succeeds."),
    ] + secretOptions,
    discussion: """
      SECRETS: the secret comes from CLOUDINARY_URL (cloudinary://KEY:SECRET@CLOUD) or
      CLOUDINARY_API_SECRET, or from --secret-env or --secret-file; never from an argument.
      It is used byte for byte: a trailing newline in a file is signed, and sigdoc warns.

      With --jsonl, each output line is {"signature": …, "string_to_sign": …}, or
      {"error": …, "line": N} for a line that cannot be signed; the exit status is then 1.
      Lines are read and written in batches, so memory stays flat for any number of lines.

      EXAMPLE: sigdoc sign Fixtures/params/widget-upload.json
      """
  )

  static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitStatus {
    if arguments.isSet("jsonl"), arguments.value("format") != nil {
      throw UsageError.conflictingOptions("--jsonl", "--format")
    }
    let options = SigningOptions(
      algorithm: arguments.value("algorithm") == "sha256" ? .sha256 : .sha1,
      version: arguments.value("signature-version") == "1" ? .v1 : .v2,
      signsAllKeys: arguments.isSet("all-keys")
    )
    let path = try context.inputPath(arguments.positionals.first, command: spec.name)
    let credentials = try context.loadCredentials(secretSources(arguments))
    guard let secret = credentials.secrets.first else { throw EnvironmentError.noSecret }
    guard credentials.secrets.count == 1 else {
      throw EnvironmentError.tooManySecrets(labels: credentials.secrets.map(\.label))
    }
    warnAboutWhitespace(in: secret, context: context)
    let signer = Signer(secret: secret, options: options)

    if arguments.isSet("jsonl") {
      return try JSONLinesRun(signer: signer, context: context)
        .run(input: path, output: arguments.value("output"))
    }
    let request = try signer.sign(jsonObject: try context.readSource(path))

    let rendered = arguments.value("format") == "json"
      ? request.json.pretty
      : textReport(request, options: options, secretLabel: signer.secretLabel, style: context.style)
    try context.deliver(rendered, to: arguments.value("output"))
    return .success
  }
}

private extension SignCommand {
  static func textReport(
    _ request: SignedRequest,
    options: SigningOptions,
    secretLabel: String,
    style: TextStyle
  ) -> String {
    let visible = VisibleText(request.stringToSign.text)
    var lines = [
      style.bold("String to sign") + "  " + visible.text,
      style.bold("Signature     ") + "  " + request.signature.hex,
      style.bold("Signed with   ") + "  " + options.algorithm.displayName + ", signature version "
        + String(options.version.rawValue) + ", the secret from " + secretLabel,
    ]
    if visible.hasEscapes {
      lines.append(
        style.dim("(invisible characters are shown as \\u{…}; --format json gives the exact text)")
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func warnAboutWhitespace(in secret: Secret, context: CommandContext) {
    let facts = SecretInspection(secret)
    if let problem = facts.problemDescription {
      let warning = "the secret from \(secret.label) \(problem); it is signed as it is"
      context.errors.write(ErrorLine.warning(warning) + "\n")
    }
  }
}
