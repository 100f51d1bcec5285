/// Parameters that cannot be turned into a string to sign.
public enum SigningError: Error, Equatable, Sendable {
  /// A value is a list or map inside a list, or a map, where text belongs.
  case nestedValue(key: String, kind: String, span: Range<Int>?)
  /// A list holds a null element.
  case nullInList(key: String, position: Int, span: Range<Int>?)

  /// The message, in lower case and without a final period.
  public var message: String {
    switch self {
    case .nestedValue(let key, let kind, _):
      "the value of '\(key)' is \(kind); Cloudinary signs text, numbers, booleans and lists of them"
        + " (flatten it first, as in 'alt=x|caption=y')"
    case .nullInList(let key, let position, _):
      "element \(position) of '\(key)' is null; leave it out of the list"
    }
  }

  /// The bytes of the input the problem is at, when known.
  public var span: Range<Int>? {
    switch self {
    case .nestedValue(_, _, let span), .nullInList(_, _, let span): span
    }
  }
}
