import SignatureDoctor

/// Everything a command reaches outside itself: arguments, environment, streams, files.
///
/// `main.swift` builds the real one; tests build one with captured streams.
final class CommandContext {
  let environment: [String: String]
  let fileSystem: any FileSystem
  /// Standard output, with secrets removed.
  let output: RedactingOutput
  /// Standard error, with secrets removed.
  let errors: RedactingOutput
  let standardInputIsTerminal: Bool
  let standardOutputIsTerminal: Bool

  init(
    environment: [String: String],
    fileSystem: any FileSystem,
    output: any OutputSink,
    errors: any OutputSink,
    standardInputIsTerminal: Bool,
    standardOutputIsTerminal: Bool
  ) {
    self.environment = environment
    self.fileSystem = fileSystem
    self.output = RedactingOutput(output)
    self.errors = RedactingOutput(errors)
    self.standardInputIsTerminal = standardInputIsTerminal
    self.standardOutputIsTerminal = standardOutputIsTerminal
    let loader = SecretLoader(environment: environment) { _ throws(EnvironmentError) in [] }
    let known = loader.secretsForRedaction()
    redact(known)
  }

  /// Makes every stream remove `secrets` from what is written from now on.
  private func redact(_ secrets: [Secret]) {
    let redactor = Redactor(secrets: secrets)
    output.redactor = redactor
    errors.redactor = redactor
  }

  /// Loads secrets and makes sure no stream can print them from now on.
  func loadCredentials(_ sources: [SecretSource]) throws(EnvironmentError) -> Credentials {
    let loader = SecretLoader(environment: environment) { [fileSystem] (path) throws(EnvironmentError) in
      do {
        switch try fileSystem.readAll(path, limit: 1 << 16) {
        case .complete(let bytes): return bytes
        case .tooLarge: throw EnvironmentError.unreadableFile(path: path, reason: "it is larger than 64 KiB")
        }
      } catch let error as FileError {
        throw EnvironmentError.unreadableFile(path: path, reason: error.reason)
      } catch {
        throw error as! EnvironmentError
      }
    }
    let credentials = try loader.load(sources)
    redact(credentials.secrets + loader.secretsForRedaction())
    return credentials
  }

  /// The text style for standard output.
  var style: TextStyle {
    TextStyle(isTerminal: standardOutputIsTerminal, environment: environment)
  }

  /// Which input to read: the path given, or `-` when none was given and standard input is
  /// not a terminal.
  func inputPath(_ positional: String?, command: String) throws(UsageError) -> String {
    if let positional { return positional }
    guard !standardInputIsTerminal else { throw .missingInput(command: command) }
    return "-"
  }

  /// Reads a whole input as text, naming standard input `<stdin>`.
  func readSource(_ path: String, limits: InputLimits = .standard) throws -> SourceText {
    let name = path == "-" ? "<stdin>" : path
    switch try fileSystem.readAll(path, limit: limits.maximumByteCount) {
    case .complete(let bytes): return try SourceText(name: name, bytes: bytes, limits: limits)
    case .tooLarge: throw InputError(name, .tooLarge(limit: limits.maximumByteCount))
    }
  }

  /// Writes a command's product to standard output, or whole to a file when `path` is set.
  func deliver(_ text: String, to path: String?) throws(FileError) {
    guard let path else { return output.write(text) }
    let file = try fileSystem.atomicWriter(for: path)
    let guarded = RedactingOutput(file)
    guarded.redactor = output.redactor
    guarded.write(text)
    try file.commit()
  }
}

/// The secret sources named by `--secret-env` and `--secret-file`, in the order given.
func secretSources(_ arguments: ParsedArguments) -> [SecretSource] {
  arguments.values("secret-env").map(SecretSource.environmentVariable)
    + arguments.values("secret-file").map(SecretSource.file)
}

/// The options every command that reads secrets shares.
let secretOptions = [
  OptionSpec(
    "secret-env", .value(placeholder: "NAME"), repeats: true,
    help: "Read a secret from the environment variable NAME; NAME labels it in messages."),
  OptionSpec(
    "secret-file", .value(placeholder: "PATH"), repeats: true,
    help: "Read a secret from a file, byte for byte; PATH labels it in messages."),
]
