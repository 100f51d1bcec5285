/// Finds files under the package's `Fixtures/` folder from this source file's path, so that
/// tests need no resource bundle.
enum Fixtures {
  /// The package root: three levels above this file.
  static let root: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(4)
    return components.joined(separator: "/")
  }()

  /// The absolute path of a fixture, such as `errors/json-envelope.txt`.
  static func path(_ relative: String) -> String {
    root + "/Fixtures/" + relative
  }

  /// The bytes of a fixture.
  static func bytes(_ relative: String) throws -> [UInt8] {
    try FileBytes.read(path(relative))
  }

  /// The text of a fixture.
  static func text(_ relative: String) throws -> String {
    String(decoding: try bytes(relative), as: UTF8.self)
  }

  /// The names of the files in a fixture folder, sorted.
  static func files(in folder: String) throws -> [String] {
    try FileBytes.list(path(folder)).sorted()
  }
}
