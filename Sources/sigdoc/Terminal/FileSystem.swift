#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written; messages name the path, never the content.
struct FileError: Error, Equatable {
  let path: String
  let reason: String
  let isWrite: Bool

  var message: String {
    "cannot \(isWrite ? "write" : "read") '\(path)': \(reason)"
  }
}

/// A stream of bytes read in chunks, so that a large input never sits in memory whole.
protocol ByteReader: AnyObject {
  /// Reads up to `count` bytes; an empty array means the end.
  func read(upTo count: Int) throws(FileError) -> [UInt8]
}

/// Files and standard input as commands see them; tests substitute their own.
protocol FileSystem {
  /// Opens a file, or standard input for `-`.
  func reader(for path: String) throws(FileError) -> any ByteReader
  /// Creates a file that appears under `path` only when `commit()` is called.
  func atomicWriter(for path: String) throws(FileError) -> any AtomicFile
}

/// A file being written that is either completed whole or never appears.
protocol AtomicFile: OutputSink {
  func commit() throws(FileError)
  func discard()
}

extension FileSystem {
  /// Reads a whole input, refusing one larger than `limit` bytes without reading it all.
  func readAll(_ path: String, limit: Int) throws(FileError) -> ReadResult {
    let reader = try reader(for: path)
    var bytes: [UInt8] = []
    while true {
      let chunk = try reader.read(upTo: 1 << 16)
      if chunk.isEmpty { return .complete(bytes) }
      bytes += chunk
      if bytes.count > limit { return .tooLarge }
    }
  }
}

/// A whole input, or the news that it is over the limit.
enum ReadResult {
  case complete([UInt8])
  case tooLarge
}

/// The real file system, through the C library.
struct SystemFileSystem: FileSystem {
  func reader(for path: String) throws(FileError) -> any ByteReader {
    if path == "-" { return DescriptorReader(descriptor: STDIN_FILENO, path: "<stdin>", owned: false) }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileError(path: path, reason: Self.reason(errno), isWrite: false) }
    var status = stat()
    if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      close(descriptor)
      throw FileError(path: path, reason: "it is a directory", isWrite: false)
    }
    return DescriptorReader(descriptor: descriptor, path: path, owned: true)
  }

  func atomicWriter(for path: String) throws(FileError) -> any AtomicFile {
    try TemporaryFile(destination: path)
  }

  /// A short reason for an `errno` value, in the style of the messages.
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "it is a directory"
    case ENOTDIR: "a part of the path is not a directory"
    case ENOSPC: "no space left on the device"
    case EROFS: "the file system is read-only"
    default: String(cString: strerror(code)).lowercased()
    }
  }
}

private final class DescriptorReader: ByteReader {
  private let descriptor: Int32
  private let path: String
  private let owned: Bool

  init(descriptor: Int32, path: String, owned: Bool) {
    self.descriptor = descriptor
    self.path = path
    self.owned = owned
  }

  deinit {
    if owned { close(descriptor) }
  }

  func read(upTo count: Int) throws(FileError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    while true {
      let received = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
      if received >= 0 { return Array(buffer.prefix(received)) }
      if errno != EINTR {
        throw FileError(path: path, reason: SystemFileSystem.reason(errno), isWrite: false)
      }
    }
  }
}

/// Writes next to the destination and renames into place on commit.
private final class TemporaryFile: AtomicFile {
  private let destination: String
  private let temporaryPath: String
  private var descriptor: Int32
  private var buffer: [UInt8] = []
  private var failure: FileError?

  init(destination: String) throws(FileError) {
    self.destination = destination
    var template = Array((destination + ".sigdoc-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw FileError(path: destination, reason: SystemFileSystem.reason(errno), isWrite: true)
    }
    self.descriptor = descriptor
    let pathBytes = template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    self.temporaryPath = String(decoding: pathBytes, as: UTF8.self)
  }

  deinit {
    discard()
  }

  func write(_ bytes: [UInt8]) {
    buffer += bytes
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    guard failure == nil, descriptor >= 0 else { return buffer.removeAll() }
    if !writeFully(descriptor, buffer) {
      failure = FileError(path: destination, reason: SystemFileSystem.reason(errno), isWrite: true)
    }
    buffer.removeAll(keepingCapacity: true)
  }

  func commit() throws(FileError) {
    flush()
    if let failure { throw failure }
    guard close(descriptor) == 0 else {
      descriptor = -1
      throw FileError(path: destination, reason: SystemFileSystem.reason(errno), isWrite: true)
    }
    descriptor = -1
    guard rename(temporaryPath, destination) == 0 else {
      throw FileError(path: destination, reason: SystemFileSystem.reason(errno), isWrite: true)
    }
  }

  func discard() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
    unlink(temporaryPath)
  }
}

/// Writes every byte to a descriptor, retrying short writes and interruptions.
func writeFully(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}

/// Standard output or standard error, buffered.
final class DescriptorOutput: OutputSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  func write(_ bytes: [UInt8]) {
    buffer += bytes
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    _ = writeFully(descriptor, buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  /// Whether the descriptor is a terminal.
  var isTerminal: Bool { isatty(descriptor) == 1 }
}
