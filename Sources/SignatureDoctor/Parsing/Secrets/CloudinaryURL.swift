/// The parts of a `CLOUDINARY_URL`, `cloudinary://KEY:SECRET@CLOUD`.
///
/// The parts are taken as written, without percent-decoding, as the SDKs take them.
struct CloudinaryURL {
  let apiKey: String
  let secret: [UInt8]
  let cloudName: String

  /// Splits a URL; `nil` when it does not have the form.
  init?(_ text: String) {
    let scheme = "cloudinary://"
    guard text.hasPrefix(scheme) else { return nil }
    let rest = text.utf8.dropFirst(scheme.utf8.count)
    guard let at = rest.lastIndex(of: UInt8(ascii: "@")) else { return nil }
    let userInfo = rest[..<at]
    guard let colon = userInfo.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let host = rest[rest.index(after: at)...].prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "/") }

    apiKey = String(decoding: userInfo[..<colon], as: UTF8.self)
    secret = Array(userInfo[userInfo.index(after: colon)...])
    cloudName = String(decoding: host, as: UTF8.self)
    guard !apiKey.isEmpty, !secret.isEmpty, !cloudName.isEmpty else { return nil }
  }
}
