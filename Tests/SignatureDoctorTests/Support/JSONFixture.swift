import Foundation

/// Reads JSON fixtures with Foundation: an independent reader, so that tests of sigdoc's own
/// reader do not lean on it.
enum JSONFixture {
  static func array(_ relative: String) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(try Fixtures.bytes(relative)))
    return object as? [[String: Any]] ?? []
  }
}
