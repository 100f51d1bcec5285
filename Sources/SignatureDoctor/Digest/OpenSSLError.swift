internal import COpenSSL

/// A libcrypto call that did not report success.
///
/// It names the C function and the codes OpenSSL queued, never the bytes being digested:
/// those bytes hold the API secret.
public struct OpenSSLError: Error, Equatable, Sendable {
  /// The C function that failed, such as `SHA1_Update`.
  public let function: String
  /// OpenSSL's own text for each queued error code, oldest first.
  public let reasons: [String]

  /// Describes a failure of `function` with the given reasons.
  public init(function: String, reasons: [String]) {
    self.function = function
    self.reasons = reasons
  }

  /// Drains OpenSSL's error queue into an error for `function`.
  ///
  /// Calls `ERR_get_error` and `ERR_error_string_n`.
  static func drainingQueue(after function: String) -> OpenSSLError {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
      var text = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &text, text.count)
      reasons.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    return OpenSSLError(function: function, reasons: reasons)
  }

  /// Throws unless a libcrypto call returned 1, its value for success.
  @inline(__always)
  static func check(_ result: Int32, _ function: @autoclosure () -> String) throws(OpenSSLError) {
    guard result == 1 else { throw drainingQueue(after: function()) }
  }
}

extension OpenSSLError: CustomStringConvertible {
  public var description: String {
    reasons.isEmpty
      ? "\(function) failed"
      : "\(function) failed: \(reasons.joined(separator: "; "))"
  }
}
