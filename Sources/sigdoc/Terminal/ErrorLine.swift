import SignatureDoctor

/// The one place that turns an error into the line on standard error and an exit status.
enum ErrorLine {
  /// The line, without its line feed, for any error a command throws.
  static func text(for error: any Error) -> String {
    switch error {
    case let error as UsageError:
      "sigdoc: error: \(error.message)"
    case let error as InputError:
      error.location.map { "\(error.inputName):\($0): error: \(error.message)" }
        ?? "\(error.inputName): error: \(error.message)"
    case let error as EnvironmentError:
      "sigdoc: error: \(error.message)"
    case let error as FileError:
      "sigdoc: error: \(error.message)"
    case let error as OpenSSLError:
      "sigdoc: error: libcrypto could not compute a digest (\(error.description))"
    default:
      "sigdoc: internal error: an unexpected \(String(describing: type(of: error))) was thrown"
        + " (please report this, with the command that caused it, to the sigdoc maintainers)"
    }
  }
}

/// How a run ended.
enum ExitStatus: Int32 {
  /// Nothing amiss.
  case success = 0
  /// Findings, or lines that could not be signed.
  case findings = 1
  /// Bad usage or unreadable input.
  case failure = 2
}
