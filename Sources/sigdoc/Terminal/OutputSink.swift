import SignatureDoctor

/// Somewhere a command writes bytes: standard output, standard error, a file, or a buffer in
/// a test.
protocol OutputSink: AnyObject {
  func write(_ bytes: [UInt8])
  func flush()
}

extension OutputSink {
  func write(_ text: String) { write(Array(text.utf8)) }
}

/// Collects what is written, for tests.
final class CapturedOutput: OutputSink {
  private(set) var bytes: [UInt8] = []
  var text: String { String(decoding: bytes, as: UTF8.self) }
  func write(_ bytes: [UInt8]) { self.bytes += bytes }
  func flush() {}
}

/// Passes writes on after removing every secret the run has loaded.
///
/// Commands write whole lines or whole documents at a time, so a secret is never split
/// between two writes.
final class RedactingOutput: OutputSink {
  private let base: any OutputSink
  var redactor = Redactor(secrets: [])

  init(_ base: any OutputSink) {
    self.base = base
  }

  func write(_ bytes: [UInt8]) {
    base.write(redactor.isEmpty ? bytes : redactor.redact(bytes))
  }

  /// Writes bytes that this stream's `redactor` has already cleaned on another thread, as
  /// `sign --jsonl` does so that the writing thread does not redact alone.
  func writeRedacted(_ bytes: [UInt8]) {
    base.write(bytes)
  }

  func flush() { base.flush() }
}
