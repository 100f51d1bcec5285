import FuzzReplay
import SignatureDoctor

/// Feeds arbitrary bytes to the parameter readers: detection, then every format forced.
runFuzzTarget { data, size in
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  guard let source = try? SourceText(name: "fuzz", bytes: bytes) else { return 0 }
  _ = try? ClientParameterReader.read(source)
  for format in ClientEvidence.Format.allCases {
    _ = try? ClientParameterReader.read(source, format: format)
  }
  return 0
}
