import FuzzReplay
import SignatureDoctor

/// Feeds arbitrary bytes to the reader behind `sigdoc sign`: the input check, the JSON
/// object reader and the canonical string, as one document and as JSON lines.
runFuzzTarget { data, size in
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let signer = Signer(secret: Secret(label: "fuzz", bytes: Array("fuzz-secret".utf8)))
  if let source = try? SourceText(name: "fuzz", bytes: bytes) {
    _ = try? signer.sign(jsonObject: source)
    _ = try? ParameterDocument.parameters(fromJSON: source)
  }
  let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
  _ = JSONLinesSigner(signer: signer).sign(lines, firstLineNumber: 1)
  return 0
}
