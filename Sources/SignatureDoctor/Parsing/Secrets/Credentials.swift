/// The secrets to verify with, and the account details that came with them.
public struct Credentials: Sendable {
  /// The secrets, in the order they were given, without repeats.
  public var secrets: [Secret]
  /// The API key, from `CLOUDINARY_URL` or `CLOUDINARY_API_KEY`; it is not a secret.
  public var apiKey: String?
  /// The cloud name, from `CLOUDINARY_URL` or `CLOUDINARY_CLOUD_NAME`.
  public var cloudName: String?

  /// Creates a set of credentials.
  public init(secrets: [Secret] = [], apiKey: String? = nil, cloudName: String? = nil) {
    self.secrets = secrets
    self.apiKey = apiKey
    self.cloudName = cloudName
  }
}

/// Where a secret is read from. There is deliberately no case for a value typed on the
/// command line.
public enum SecretSource: Hashable, Sendable {
  /// An environment variable holding the bare secret; its name is the label.
  case environmentVariable(String)
  /// A file holding the secret; its path is the label.
  case file(String)
}
