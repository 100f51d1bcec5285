import FuzzingSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs one fuzz target: under libFuzzer when built for fuzzing, otherwise by replaying the
/// files named on the command line (a crash corpus, say) once each.
public func runFuzzTarget(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
  let status = sigdoc_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, testOneInput)
  if status != -1 { exit(status) }

  var replayed = 0
  for path in CommandLine.arguments.dropFirst() {
    guard let file = fopen(path, "rb") else {
      print("cannot read \(path)")
      exit(2)
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while case let count = fread(&buffer, 1, buffer.count, file), count > 0 {
      bytes += buffer.prefix(count)
    }
    fclose(file)
    _ = bytes.withUnsafeBufferPointer { testOneInput($0.baseAddress, $0.count) }
    replayed += 1
  }
  print("replayed \(replayed) input\(replayed == 1 ? "" : "s") without a crash")
  exit(0)
}
