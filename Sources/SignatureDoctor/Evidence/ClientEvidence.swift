/// What the client says it signed, read from `--params`.
public struct ClientEvidence: Hashable, Sendable {
  /// The notation the parameters were written in.
  public enum Format: String, CaseIterable, Sendable {
    /// A JSON object.
    case json
    /// A JavaScript object as `console.log` prints it.
    case javaScript = "javascript"
    /// A Python dict's `repr`.
    case python
    /// PHP's `print_r`.
    case phpPrintR = "php-print-r"
    /// PHP's `var_dump`.
    case phpVarDump = "php-var-dump"
    /// PHP's `var_export`.
    case phpVarExport = "php-var-export"
    /// A form body or query string, URL-decoded.
    case form
    /// A string to sign the client logged, kept exactly as it is.
    case stringToSign = "string-to-sign"
  }

  /// The notation they were read as.
  public var format: Format
  /// The parameters in the order given, nesting and spellings kept; empty for a logged
  /// string to sign.
  public var parameters: [Parameter]
  /// The string the client logged, for `.stringToSign`.
  public var loggedStringToSign: MappedText?
  /// Keys given more than once, in order of their second appearance.
  public var repeatedKeys: [String]
  /// Remarks on how the input was read, such as that a form body was URL-decoded.
  public var notes: [String]

  /// Creates client evidence.
  public init(
    format: Format,
    parameters: [Parameter] = [],
    loggedStringToSign: MappedText? = nil,
    repeatedKeys: [String] = [],
    notes: [String] = []
  ) {
    self.format = format
    self.parameters = parameters
    self.loggedStringToSign = loggedStringToSign
    self.repeatedKeys = repeatedKeys
    self.notes = notes
  }
}
