/// An API secret, which nothing can print.
///
/// Its description, debug description and mirror show only its label, and it is not
/// `Encodable`, so neither `print`, `dump`, string interpolation nor a JSON encoder can
/// reveal it. Only the library reads its bytes: to digest them, and to redact output.
public struct Secret: Hashable, Sendable {
  /// Where the secret came from, used in every message: `CLOUDINARY_URL`, a variable name
  /// given to `--secret-env`, or a path given to `--secret-file`.
  public let label: String
  /// The exact bytes, a trailing newline included.
  let bytes: [UInt8]

  /// Wraps secret bytes under a label.
  public init(label: String, bytes: [UInt8]) {
    self.label = label
    self.bytes = bytes
  }

  /// The number of bytes, which messages may state.
  public var byteCount: Int { bytes.count }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
  public var description: String { "<secret from \(label)>" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
