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
  /// The one key the parameters came wrapped in (`data` in `{data: {...}}`), which the
  /// reader opened; the wrapper matters when the signer was handed it whole.
  public var wrapper: Wrapper?
  /// Remarks on how the input was read, such as that a form body was URL-decoded.
  public var notes: [String]

  /// Creates client evidence.
  public init(
    format: Format,
    parameters: [Parameter] = [],
    loggedStringToSign: MappedText? = nil,
    repeatedKeys: [String] = [],
    wrapper: Wrapper? = nil,
    notes: [String] = []
  ) {
    self.format = format
    self.parameters = parameters
    self.loggedStringToSign = loggedStringToSign
    self.repeatedKeys = repeatedKeys
    self.wrapper = wrapper
    self.notes = notes
  }

  /// A key that held all the parameters.
  public struct Wrapper: Hashable, Sendable {
    /// The key, such as `data`.
    public let key: String
    /// Where the key is in the input.
    public let span: Range<Int>?

    public init(key: String, span: Range<Int>?) {
      self.key = key
      self.span = span
    }
  }
}
