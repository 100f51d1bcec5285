/// Reads secrets from the environment and from files, never from arguments.
public struct SecretLoader {
  /// Reads a whole file, or says why it cannot.
  public typealias FileReader = (String) throws(EnvironmentError) -> [UInt8]

  private let environment: [String: String]
  private let readFile: FileReader

  /// Creates a loader over an environment and a way to read files.
  public init(environment: [String: String], readFile: @escaping FileReader) {
    self.environment = environment
    self.readFile = readFile
  }

  /// Loads the secrets named by `sources`, or the defaults when there are none:
  /// `CLOUDINARY_URL` and `CLOUDINARY_API_SECRET`, whichever are set. Secrets with equal
  /// bytes are kept once, under the first label.
  ///
  /// The API key and cloud name come from `CLOUDINARY_URL`, else from `CLOUDINARY_API_KEY`
  /// and `CLOUDINARY_CLOUD_NAME`.
  /// - Throws: `EnvironmentError` when a named variable or file is missing, unreadable or
  ///   empty, or when `CLOUDINARY_URL` is needed but malformed.
  public func load(_ sources: [SecretSource]) throws(EnvironmentError) -> Credentials {
    var credentials = Credentials(
      apiKey: environment["CLOUDINARY_API_KEY"],
      cloudName: environment["CLOUDINARY_CLOUD_NAME"]
    )
    let url = environment["CLOUDINARY_URL"].flatMap(CloudinaryURL.init)
    if let url {
      credentials.apiKey = url.apiKey
      credentials.cloudName = url.cloudName
    }

    var loaded: [Secret] = []
    if sources.isEmpty {
      if environment["CLOUDINARY_URL"] != nil {
        guard let url else { throw .malformedCloudinaryURL }
        loaded.append(Secret(label: "CLOUDINARY_URL", bytes: url.secret))
      }
      if environment["CLOUDINARY_API_SECRET"] != nil {
        loaded.append(try variable("CLOUDINARY_API_SECRET"))
      }
    }
    for source in sources {
      switch source {
      case .environmentVariable(let name): loaded.append(try variable(name))
      case .file(let path): loaded.append(try file(path))
      }
    }

    for secret in loaded where !credentials.secrets.contains(where: { $0.bytes == secret.bytes }) {
      credentials.secrets.append(secret)
    }
    return credentials
  }

  /// The secrets the environment holds in its usual places, read leniently, so that output
  /// is redacted from the very start of a run, before arguments are parsed: a user may type
  /// the secret where a file name or option belongs.
  public func secretsForRedaction() -> [Secret] {
    var secrets: [Secret] = []
    if let url = environment["CLOUDINARY_URL"].flatMap(CloudinaryURL.init) {
      secrets.append(Secret(label: "CLOUDINARY_URL", bytes: url.secret))
    }
    if let value = environment["CLOUDINARY_API_SECRET"], !value.isEmpty {
      secrets.append(Secret(label: "CLOUDINARY_API_SECRET", bytes: Array(value.utf8)))
    }
    return secrets
  }

  private func variable(_ name: String) throws(EnvironmentError) -> Secret {
    guard let value = environment[name] else { throw .variableNotSet(name) }
    guard !value.isEmpty else { throw .emptySecret(label: name) }
    return Secret(label: name, bytes: Array(value.utf8))
  }

  private func file(_ path: String) throws(EnvironmentError) -> Secret {
    let bytes = try readFile(path)
    guard !bytes.isEmpty else { throw .emptySecret(label: path) }
    return Secret(label: path, bytes: bytes)
  }
}
