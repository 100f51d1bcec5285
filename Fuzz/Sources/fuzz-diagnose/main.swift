import FuzzReplay
import SignatureDoctor

/// Feeds arbitrary bytes through the whole diagnosis: the first half as the pasted error,
/// the rest as the client's parameters, with a secret, so that rules and the search see
/// whatever the readers let through.
runFuzzTarget { data, size in
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let half = bytes.count / 2
  guard let errorSource = try? SourceText(name: "error", bytes: Array(bytes[..<half])),
    let reports = try? ServerErrorReader.reports(in: errorSource)
  else { return 0 }
  let paramsSource = try? SourceText(name: "params", bytes: Array(bytes[half...]))
  let client = paramsSource.flatMap { try? ClientParameterReader.read($0) }
  let secret = Secret(label: "fuzz", bytes: Array("fuzz-secret".utf8))
  let evidence = Evidence(
    errorSource: errorSource,
    reports: reports,
    paramsSource: client == nil ? nil : paramsSource,
    client: client,
    credentials: Credentials(secrets: [secret], apiKey: "1")
  )
  _ = try? DiagnosisEngine().diagnose(evidence)
  return 0
}
