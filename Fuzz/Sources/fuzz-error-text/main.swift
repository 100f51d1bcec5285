import FuzzReplay
import SignatureDoctor

/// Feeds arbitrary bytes to the error-text reader, which finds Cloudinary errors in a
/// paste and decodes every layer they travelled in.
runFuzzTarget { data, size in
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  if let source = try? SourceText(name: "fuzz", bytes: bytes) {
    _ = try? ServerErrorReader.reports(in: source)
  }
  return 0
}
