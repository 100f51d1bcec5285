import Foundation

/// File access for tests, through Foundation, which the tests may load.
enum FileBytes {
  struct Missing: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot read fixture \(path)" }
  }

  static func read(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
    return [UInt8](data)
  }

  static func list(_ path: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
  }

  static func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }
}
