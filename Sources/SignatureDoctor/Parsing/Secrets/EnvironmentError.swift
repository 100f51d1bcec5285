/// A secret or setting that the environment does not provide as needed.
///
/// Messages name the variable or file, never its content.
public enum EnvironmentError: Error, Equatable, Sendable {
  /// No secret was given at all.
  case noSecret
  /// A variable is not set. The name is withheld when it looks like a secret rather than a
  /// variable name, since a user may have typed the secret in its place.
  case variableNotSet(String)
  /// A variable or file holds nothing.
  case emptySecret(label: String)
  /// `CLOUDINARY_URL` is set but not of the form `cloudinary://KEY:SECRET@CLOUD`.
  case malformedCloudinaryURL
  /// A secret file cannot be read; the payload says why.
  case unreadableFile(path: String, reason: String)
  /// More secrets were given than the command uses.
  case tooManySecrets(labels: [String])

  /// The message, in lower case and without a final period.
  public var message: String {
    switch self {
    case .noSecret:
      "no API secret: set CLOUDINARY_URL or CLOUDINARY_API_SECRET, or use --secret-env NAME"
        + " or --secret-file PATH"
    case .variableNotSet(let name):
      Self.looksLikeVariableName(name)
        ? "environment variable '\(name)' is not set"
        : "the environment variable named in --secret-env is not set (the name is not shown:"
          + " it does not look like a variable name and may be a secret)"
    case .emptySecret(let label):
      "the secret from \(label) is empty"
    case .malformedCloudinaryURL:
      "CLOUDINARY_URL is not of the form cloudinary://KEY:SECRET@CLOUD"
    case .unreadableFile(let path, let reason):
      "cannot read secret file '\(path)': \(reason)"
    case .tooManySecrets(let labels):
      "this command signs with one secret, but \(labels.count) were given ("
        + labels.joined(separator: ", ") + "); choose one with --secret-env or --secret-file"
    }
  }

  /// Whether `name` is written as environment variables conventionally are: upper-case
  /// letters, digits and underscores.
  static func looksLikeVariableName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy {
      ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
    }
  }
}
