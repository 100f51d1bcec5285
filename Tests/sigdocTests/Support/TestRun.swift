import SignatureDoctor

@testable import sigdoc

/// Files and standard input held in memory, for running commands in-process.
final class MemoryFileSystem: FileSystem, @unchecked Sendable {
  var files: [String: [UInt8]]
  var standardInput: [UInt8]
  /// Paths whose reads fail with this reason.
  var unreadable: [String: String] = [:]
  /// The most bytes one read returns, to cut inputs into small pieces as a pipe may.
  var readLimit = Int.max

  init(files: [String: [UInt8]] = [:], standardInput: [UInt8] = []) {
    self.files = files
    self.standardInput = standardInput
  }

  func reader(for path: String) throws(FileError) -> any ByteReader {
    if let reason = unreadable[path] { throw FileError(path: path, reason: reason, isWrite: false) }
    if path == "-" { return MemoryReader(bytes: standardInput, readLimit: readLimit) }
    guard let bytes = files[path] else { throw FileError(path: path, reason: "no such file", isWrite: false) }
    return MemoryReader(bytes: bytes, readLimit: readLimit)
  }

  func atomicWriter(for path: String) throws(FileError) -> any AtomicFile {
    MemoryFile(path: path, fileSystem: self)
  }
}

private final class MemoryReader: ByteReader {
  private var bytes: ArraySlice<UInt8>
  private let readLimit: Int

  init(bytes: [UInt8], readLimit: Int) {
    self.bytes = bytes[...]
    self.readLimit = readLimit
  }

  func read(upTo count: Int) throws(FileError) -> [UInt8] {
    let chunk = Array(bytes.prefix(min(count, readLimit)))
    bytes = bytes.dropFirst(chunk.count)
    return chunk
  }
}

private final class MemoryFile: AtomicFile {
  private let path: String
  private let fileSystem: MemoryFileSystem
  private var buffer: [UInt8] = []

  init(path: String, fileSystem: MemoryFileSystem) {
    self.path = path
    self.fileSystem = fileSystem
  }

  func write(_ bytes: [UInt8]) { buffer += bytes }
  func flush() {}
  func commit() throws(FileError) { fileSystem.files[path] = buffer }
  func discard() { buffer = [] }
}

/// The outcome of running sigdoc in-process.
struct RunResult {
  let status: Int32
  let output: String
  let errors: String
}

/// Runs sigdoc in-process with captured streams.
func runSigdoc(
  _ arguments: [String],
  environment: [String: String] = [:],
  standardInput: String? = nil,
  files: [String: String] = [:],
  fileSystem: MemoryFileSystem? = nil
) -> RunResult {
  let fileSystem = fileSystem ?? MemoryFileSystem(files: files.mapValues { Array($0.utf8) })
  if let standardInput { fileSystem.standardInput = Array(standardInput.utf8) }
  let output = CapturedOutput()
  let errors = CapturedOutput()
  let context = CommandContext(
    environment: environment,
    fileSystem: fileSystem,
    output: output,
    errors: errors,
    standardInputIsTerminal: standardInput == nil,
    standardOutputIsTerminal: false
  )
  let status = Sigdoc.run(arguments, context: context)
  return RunResult(status: status, output: output.text, errors: errors.text)
}

/// A fake account for tests; the secret is made up.
enum TestAccount {
  static let secret = "abcdefghijklmnopqrstuvwxyz0"
  static let url = "cloudinary://123456789012345:\(secret)@demo"
  static let environment = ["CLOUDINARY_URL": url]
}

/// Runs sigdoc in-process on the real file system, with captured streams.
func runSigdocOnDisk(_ arguments: [String], environment: [String: String] = [:]) -> RunResult {
  let output = CapturedOutput()
  let errors = CapturedOutput()
  let context = CommandContext(
    environment: environment,
    fileSystem: SystemFileSystem(),
    output: output,
    errors: errors,
    standardInputIsTerminal: true,
    standardOutputIsTerminal: false
  )
  let status = Sigdoc.run(arguments, context: context)
  return RunResult(status: status, output: output.text, errors: errors.text)
}
