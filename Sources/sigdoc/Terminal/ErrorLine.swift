import SignatureDoctor

/// The one place that turns an error into the line on standard error and an exit status.
///
/// Every line is exactly one line, whatever it quotes: a key, a value or a file name may
/// hold line breaks, escape sequences or bidirectional controls, and these are written as
/// visible escapes (see `oneLine(_:)`).
enum ErrorLine {
  /// The line, without its line feed, for any error a command throws.
  ///
  /// An input error reads `NAME:LINE:COLUMN: error: …`. One about the input as a whole (it
  /// is empty, too large, or holds no Cloudinary error) is placed at its start, 1:1, as
  /// STYLE.md §9.2 places `no 'Invalid Signature' message found`.
  static func text(for error: any Error) -> String {
    let line =
      switch error {
      case let error as UsageError:
        "sigdoc: error: \(error.message)"
      case let error as InputError:
        "\(error.inputName):\(error.location ?? SourceLocation(line: 1, column: 1)): error: "
          + error.message
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
    return oneLine(line)
  }

  /// A warning line, without its line feed.
  static func warning(_ message: String) -> String {
    oneLine("sigdoc: warning: \(message)")
  }

  /// `line` with every character that would break it or act on a terminal written as a
  /// visible escape, as `VisibleText` writes it: line breaks and tabs as `\n`, `\r`, `\t`,
  /// and other C0 and C1 controls, DEL, U+2028, U+2029, bidirectional and other format
  /// characters as `\u{…}`; backslashes are then doubled.
  ///
  /// ```
  /// "the key 'a\nb' appears twice" → the key 'a\nb' appears twice
  /// ```
  static func oneLine(_ line: String) -> String {
    VisibleText(line).text
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
