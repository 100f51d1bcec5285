/// One Cloudinary error read from a paste.
public struct ServerReport: Hashable, Sendable {
  /// Which message of the family it is.
  public enum Kind: String, CaseIterable, Sendable {
    /// "Invalid Signature X. String to sign - 'S'."
    case invalidSignature = "invalid-signature"
    /// "Stale request - reported time is … which is more than 1 hour ago"
    case staleRequest = "stale-request"
    /// "Missing required parameter - X"
    case missingParameter = "missing-parameter"
    /// "Upload preset must be whitelisted for unsigned uploads"
    case presetNotWhitelisted = "preset-not-whitelisted"
    /// "Upload preset must be specified when using unsigned upload"
    case presetRequired = "preset-required"
    /// "Unknown API key X"
    case unknownAPIKey = "unknown-api-key"
    /// "Invalid cloud_name X"
    case invalidCloudName = "invalid-cloud-name"
    /// A bare 401 with no message.
    case unauthorized
  }

  /// Which message it is.
  public var kind: Kind
  /// The signature the client sent, verbatim, even when it is no digest (`undefined`,
  /// `***`); invalid-signature only.
  public var signature: MappedText?
  /// The string the server built, decoded from every layer it travelled in; invalid-
  /// signature only.
  public var stringToSign: MappedText?
  /// Whether the paste was cut off inside the message; what was read is kept.
  public var isTruncated: Bool
  /// The time a stale-request message reports, as a Unix time in seconds.
  public var reportedTime: Int?
  /// The parameter a missing-parameter message names.
  public var parameter: String?
  /// The API key an unknown-API-key message names.
  public var apiKey: String?
  /// The cloud name an invalid-cloud-name message names.
  public var cloudName: String?
  /// The HTTP status, when the paste shows one (`http_code: 401`, `401 Unauthorized`).
  public var httpStatus: Int?
  /// How the message was wrapped, outermost first: `json-envelope`, `json-string`,
  /// `node-inspect`, `html-escaped`, `log-prefix`, `line-wrapped`, `x-cld-error`…
  public var layers: [String]
  /// The input bytes the message occupies.
  public var span: Range<Int>

  /// Creates a report.
  public init(
    kind: Kind,
    signature: MappedText? = nil,
    stringToSign: MappedText? = nil,
    isTruncated: Bool = false,
    reportedTime: Int? = nil,
    parameter: String? = nil,
    apiKey: String? = nil,
    cloudName: String? = nil,
    httpStatus: Int? = nil,
    layers: [String] = [],
    span: Range<Int>
  ) {
    self.kind = kind
    self.signature = signature
    self.stringToSign = stringToSign
    self.isTruncated = isTruncated
    self.reportedTime = reportedTime
    self.parameter = parameter
    self.apiKey = apiKey
    self.cloudName = cloudName
    self.httpStatus = httpStatus
    self.layers = layers
    self.span = span
  }
}
