import Foundation

/// Runs the built `sigdoc` executable as a user would.
enum Binary {
  /// The `sigdoc` built next to the test bundle.
  static let path: String = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    // The test bundle may be a directory (`….xctest/…`); climb until `sigdoc` is beside us.
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("sigdoc").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return "sigdoc-not-built-next-to-the-tests"
  }()

  struct Result {
    let status: Int32
    let output: Data
    let errors: String
    var outputText: String { String(decoding: output, as: UTF8.self) }
  }

  /// Runs sigdoc with `arguments`, the given environment only, and `input` on standard
  /// input (or an empty, closed standard input).
  static func run(_ arguments: [String], environment: [String: String] = [:], input: Data = Data()) throws -> Result {
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw MissingBinary()
    }
    // sigdoc stops reading an input over its limit; writing the rest must not kill the tests.
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let standardInput = Pipe()
    let standardOutput = Pipe()
    let standardError = Pipe()
    process.standardInput = standardInput
    process.standardOutput = standardOutput
    process.standardError = standardError
    try process.run()

    // Feed and drain concurrently so that large inputs and outputs cannot deadlock.
    let writer = Thread {
      try? standardInput.fileHandleForWriting.write(contentsOf: input)
      try? standardInput.fileHandleForWriting.close()
    }
    writer.start()
    let errorData = LockedData()
    let errorReader = Thread { errorData.set(standardError.fileHandleForReading.readDataToEndOfFile()) }
    errorReader.start()
    let output = standardOutput.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1000) }
    return Result(status: process.terminationStatus, output: output, errors: String(decoding: errorData.value, as: UTF8.self))
  }

  struct MissingBinary: Error, CustomStringConvertible {
    var description: String { "the sigdoc executable was not found next to the tests (looked for \(Binary.path)); run 'swift build' first" }
  }
}

private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data: Data?
  func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
  var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}

/// A temporary directory removed when the test ends.
final class TemporaryDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "sigdoc-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  func file(_ name: String, _ contents: Data) throws -> String {
    let file = path + "/" + name
    try contents.write(to: URL(fileURLWithPath: file))
    return file
  }

  var contents: [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? []
  }
}

/// The package root, from this file's path.
let packageRoot: String = {
  var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  components.removeLast(4)
  return components.joined(separator: "/")
}()
