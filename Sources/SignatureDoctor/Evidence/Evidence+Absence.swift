// Whether the server's string shows that a key is absent, for rules that judge a pair the
// client signed and the server did not.

extension Evidence {
  /// Whether the server's string to sign proves it has no pair for `key`.
  ///
  /// It proves nothing when there is no string (a bare 401, a missing-parameter report). A
  /// string cut off in the paste proves the absence only of keys that sort before its last
  /// pair, since the rest may stand after the cut.
  public func serverLacks(_ key: String) -> Bool {
    guard let report = signatureReport, report.stringToSign != nil, serverPair(key) == nil else {
      return false
    }
    guard report.isTruncated else { return true }
    guard let last = serverPairs.last else { return false }
    return StringToSign.precedes(key, last.key)
  }
}
