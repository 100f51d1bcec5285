import SignatureDoctor

/// Streams `sign --jsonl`: reads a chunk, signs its complete lines, writes them, repeats.
///
/// Memory holds one chunk, its output and at most one partial line, whatever the input's
/// size. A line longer than `JSONLinesSigner.maximumLineLength` gives an error object and is
/// skipped without being held.
struct JSONLinesRun {
  let signer: Signer
  let context: CommandContext

  private static let chunkSize = 1 << 20

  func run(input inputPath: String, output outputPath: String?) throws -> ExitStatus {
    let reader = try context.fileSystem.reader(for: inputPath)
    let file = try outputPath.map { (path) throws(FileError) in
      try context.fileSystem.atomicWriter(for: path)
    }
    let sink = file.map { file in
      let guarded = RedactingOutput(file)
      guarded.redactor = context.output.redactor
      return guarded
    } ?? context.output

    do {
      let errorCount = try stream(from: reader, inputName: inputPath == "-" ? "<stdin>" : inputPath, to: sink)
      sink.flush()
      try file?.commit()
      return errorCount == 0 ? .success : .findings
    } catch {
      file?.discard()
      throw error
    }
  }

  /// Reads batches of lines and signs each while the previous one is written and the next
  /// one read, so that both cores stay busy.
  private func stream(from reader: any ByteReader, inputName: String, to sink: RedactingOutput) throws -> Int {
    let lineSigner = JSONLinesSigner(signer: signer, redactor: sink.redactor)
    var pending: [UInt8] = []
    var nextLineNumber = 1
    var errorCount = 0
    var skippingOverlongLine = false
    var sawInput = false
    var atStreamStart = true
    var inFlight: InFlightBatch?

    func drain() {
      guard let batch = inFlight?.wait() else { return }
      for part in batch.parts { sink.writeRedacted(part) }
      errorCount += batch.errorCount
      inFlight = nil
    }

    while true {
      let chunk = try reader.read(upTo: Self.chunkSize)
      let atEnd = chunk.isEmpty
      if skippingOverlongLine {
        guard let newline = chunk.firstIndex(of: 0x0A) else {
          if atEnd { break }
          continue
        }
        skippingOverlongLine = false
        pending = Array(chunk[(newline + 1)...])
      } else {
        pending += chunk
      }
      // A byte order mark may start the stream, as plain `sign` allows; it may come over
      // more than one read. (A NUL or other control byte is no reason to stop the run: the
      // line that holds it gets an error object, wherever it is.)
      if atStreamStart {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if !atEnd, pending.count < mark.count, mark.starts(with: pending) { continue }
        if pending.starts(with: mark) { pending.removeFirst(mark.count) }
        atStreamStart = false
      }
      sawInput = sawInput || !pending.isEmpty

      var lines: [ArraySlice<UInt8>] = []
      var lineStart = 0
      while let newline = ByteSearch.firstIndex(of: [0x0A], in: pending, from: lineStart) {
        lines.append(pending[lineStart..<newline])
        lineStart = newline + 1
      }
      if atEnd, lineStart < pending.count {
        lines.append(pending[lineStart...])
        lineStart = pending.count
      }

      let started = InFlightBatch(lines: lines, firstLineNumber: nextLineNumber, signer: lineSigner)
      drain()
      inFlight = started
      nextLineNumber += lines.count
      // NB: a fresh array, so that the slices of the batch in flight keep their bytes.
      pending = Array(pending[lineStart...])

      if pending.count > JSONLinesSigner.maximumLineLength {
        drain()
        sink.write(lineSigner.overlongLineOutput(lineNumber: nextLineNumber))
        errorCount += 1
        nextLineNumber += 1
        pending = []
        skippingOverlongLine = true
      }
      if atEnd { break }
    }
    drain()
    guard sawInput else { throw InputError(inputName, .empty) }
    return errorCount
  }
}

/// A batch being signed on other threads.
private final class InFlightBatch: @unchecked Sendable {
  private let task: Parallel.Background<JSONLinesSigner.BatchOutput>

  init(lines: [ArraySlice<UInt8>], firstLineNumber: Int, signer: JSONLinesSigner) {
    task = Parallel.Background { signer.sign(lines, firstLineNumber: firstLineNumber) }
  }

  func wait() -> JSONLinesSigner.BatchOutput {
    task.join()
  }
}
