/// Signs JSON lines: one object of parameters in, one JSON object out, in order.
///
/// A line that cannot be signed gives `{"error": …, "line": N}` and the rest go on. Lines
/// are signed in batches spread over every core, and each batch is written before the next
/// is read, so memory stays flat however many lines come. Each part of a batch's output
/// passes through the redactor on the core that signed it.
public struct JSONLinesSigner: Sendable {
  /// The outcome of one batch.
  public struct BatchOutput: Sendable {
    /// The output lines, each ending in a line feed, in parts to be written in order.
    public var parts: [[UInt8]]
    /// How many input lines gave an error object.
    public var errorCount: Int
  }

  /// The longest line signed; a longer one gives an error object.
  public static let maximumLineLength = 1 << 20

  private let signer: Signer
  private let limits: InputLimits
  private let redactor: Redactor

  /// Creates a line signer whose output `redactor` cleans.
  public init(signer: Signer, limits: InputLimits = .standard, redactor: Redactor = Redactor(secrets: [])) {
    self.signer = signer
    self.limits = limits
    self.redactor = redactor
  }

  /// Signs a batch of lines, numbered from `firstLineNumber`, each without its line feed.
  /// Blank lines (spaces, tabs and carriage returns only) are skipped but counted.
  public func sign(_ lines: [ArraySlice<UInt8>], firstLineNumber: Int) -> BatchOutput {
    let chunkCount = min(lines.count, ProcessInfoLite.activeProcessorCount * 4)
    guard chunkCount > 1 else {
      let (bytes, errorCount) = signChunk(lines[...], firstLineNumber: firstLineNumber)
      return BatchOutput(parts: [bytes], errorCount: errorCount)
    }
    let chunkSize = (lines.count + chunkCount - 1) / chunkCount
    let results = ConcurrentResults<([UInt8], Int)>(count: chunkCount)
    Parallel.forEach(chunkCount) { chunk in
      let start = chunk * chunkSize
      let end = min(start + chunkSize, lines.count)
      guard start < end else { return results.store(([], 0), at: chunk) }
      results.store(signChunk(lines[start..<end], firstLineNumber: firstLineNumber + start), at: chunk)
    }
    let values = results.values
    return BatchOutput(parts: values.map(\.0), errorCount: values.reduce(0) { $0 + $1.1 })
  }

  /// The error object for a line too long to be read (it holds no input to redact).
  public func overlongLineOutput(lineNumber: Int) -> [UInt8] {
    errorLine("the line is longer than the \(ByteCountText.describe(Self.maximumLineLength)) limit",
              lineNumber: lineNumber, column: nil)
  }
}

private extension JSONLinesSigner {
  func signChunk(
    _ lines: ArraySlice<ArraySlice<UInt8>>,
    firstLineNumber: Int
  ) -> (bytes: [UInt8], errorCount: Int) {
    var output: (bytes: [UInt8], errorCount: Int) = ([], 0)
    output.bytes.reserveCapacity(lines.count * 160)
    var scratch = Scratch(builder: StringToSignBuilder(options: signer.options))
    for (offset, line) in lines.enumerated() {
      let lineNumber = firstLineNumber + offset
      // NB: only JSON's white space makes a line blank; a line of NUL bytes is an error.
      guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
      guard line.count <= Self.maximumLineLength else {
        output.errorCount += 1
        output.bytes += overlongLineOutput(lineNumber: lineNumber)
        continue
      }
      switch signLine(line, scratch: &scratch) {
      case .success(let signature):
        SignedRequest.appendCompactJSON(
          signature: signature,
          stringToSign: scratch.stringToSign,
          to: &output.bytes
        )
        output.bytes.append(0x0A)
      case .failure(let failure):
        output.errorCount += 1
        let column = failure.offset.map { byteOffset in
          line.prefix(byteOffset).lazy.filter { $0 & 0xC0 != 0x80 }.count + 1
        }
        output.bytes += errorLine(failure.message, lineNumber: lineNumber, column: column)
      }
    }
    if !redactor.isEmpty { output.bytes = redactor.redact(output.bytes) }
    return output
  }

  struct LineFailure: Error {
    let offset: Int?
    let message: String
  }

  /// The buffers one chunk's lines are signed in, reused from line to line so that a line
  /// allocates nothing but its digest.
  struct Scratch {
    var builder: StringToSignBuilder
    var stringToSign: [UInt8] = []
    var order: [Range<Int>] = []
  }

  /// Signs one line; on success its string to sign is in `scratch.stringToSign`.
  func signLine(_ line: ArraySlice<UInt8>, scratch: inout Scratch) -> Result<Digest, LineFailure> {
    line.withUnsafeBufferPointer { buffer in
      if let invalid = UTF8Validation.firstInvalidByte(in: buffer) {
        return .failure(LineFailure(offset: invalid, message: InputError("", .invalidUTF8).message))
      }
      do throws(LiteralFailure) {
        try ParameterDocument.read(json: buffer, into: &scratch.builder, maximumDepth: limits.maximumDepth)
      } catch {
        return .failure(LineFailure(offset: error.offset, message: InputError("", error.problem).message))
      }
      scratch.builder.finish(into: &scratch.stringToSign, order: &scratch.order)
      do {
        return .success(try signer.signature(of: scratch.stringToSign))
      } catch {
        return .failure(LineFailure(offset: nil, message: "libcrypto could not compute a digest (\(error))"))
      }
    }
  }

  func errorLine(_ message: String, lineNumber: Int, column: Int?) -> [UInt8] {
    var object: [String: JSONValue] = ["error": .string(message), "line": .integer(lineNumber)]
    if let column { object["column"] = .integer(column) }
    return Array(JSONValue.object(object).compact.utf8) + [0x0A]
  }
}
