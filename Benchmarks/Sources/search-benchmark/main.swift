import Dispatch
import SignatureDoctor

// Runs the whole hypothesis search on a widget upload whose signature no candidate
// reproduces (it was made with a secret sigdoc is not given), so that every stage runs to
// its end, and prints what it did as one JSON line for search-throughput.py.

let error = """
  {"error":{"message":"Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - \
  'folder=avatars&source=uw&tags=summer,sale&timestamp=1685544025&upload_preset=signed_avatars'."}}
  """
let params = #"{"folder": "avatars", "tags": ["summer", "sale"], "timestamp": 1685544025, "upload_preset": "signed_avatars"}"#

let errorSource = SourceText(name: "error.txt", text: error)
let paramsSource = SourceText(name: "params.json", text: params)
let reports = try ServerErrorReader.reports(in: errorSource)
let parameters = try ParameterDocument.parameters(fromJSON: paramsSource)
let client = ClientEvidence(format: .json, parameters: parameters)
let credentials = Credentials(
  secrets: [Secret(label: "benchmark", bytes: Array("FAKEbenchmarkSecretNotReal0".utf8))],
  apiKey: "123456789012345", cloudName: "demo")
let evidence = Evidence(
  errorSource: errorSource,
  reports: reports,
  paramsSource: paramsSource,
  client: client,
  credentials: credentials
)

let start = DispatchTime.now().uptimeNanoseconds
let diagnosis = try DiagnosisEngine().diagnose(evidence)
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let search = diagnosis.search!
let meanLength = (evidence.serverString?.utf8.count ?? 0) + 27
print(#"{"candidates": \#(search.candidates), "digests": \#(search.digests), "seconds": \#(seconds), "#
  + #""message_bytes": \#(meanLength), "verified": \#(search.isVerified)}"#)
