import Dispatch
import SignatureDoctor

// Prints, as one JSON line for search-throughput.py, two measures of the proof search on a
// widget upload whose signature no candidate reproduces (it was made with a secret sigdoc
// is not given):
//
// - "sweep": the engine's hot loop alone. A rule whose one hypothesis is four million
//   timestamps sends them through the search as the timestamp rules do, each candidate
//   digested from the state of the prefix it shares with the others; a budget just under
//   the sweep stops the search after it, so that nothing else is timed.
// - "whole": every rule and every stage, run to its end, candidates built included.

let error = """
  {"error":{"message":"Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - \
  'folder=avatars&source=uw&tags=summer,sale&timestamp=1685544025&upload_preset=signed_avatars'."}}
  """
let params = #"{"folder": "avatars", "tags": ["summer", "sale"], "timestamp": 1685544025, "upload_preset": "signed_avatars"}"#
let secret = Secret(label: "benchmark", bytes: Array("FAKEbenchmarkSecretNotReal0".utf8))

/// Four million timestamps around the one sent, and nothing else.
struct TimestampSweep: Rule {
  static let count = 4_000_000

  static let description = RuleDescription(
    slug: "timestamp-sweep",
    code: "BENCH",
    title: "A sweep of timestamps, for the benchmark",
    explanation: RuleExplanation(whatHappened: "", whyRefused: "", howToFix: ""),
    triggering: [],
    nonTriggering: []
  )

  func evaluate(_ evidence: Evidence) -> [Finding] { [] }

  func searches(_ evidence: Evidence) -> [ValueSearch] {
    [ValueSearch(
      rule: Self.description.slug,
      summary: "signed another timestamp",
      key: "timestamp",
      count: Self.count,
      integer: { 1_683_544_025 + $0 },
      describe: { String(1_683_544_025 + $0) }
    )]
  }
}

let errorSource = SourceText(name: "error.txt", text: error)
let paramsSource = SourceText(name: "params.json", text: params)
let evidence = Evidence(
  errorSource: errorSource,
  reports: try ServerErrorReader.reports(in: errorSource),
  paramsSource: paramsSource,
  client: ClientEvidence(format: .json, parameters: try ParameterDocument.parameters(fromJSON: paramsSource)),
  credentials: Credentials(secrets: [secret], apiKey: "123456789012345", cloudName: "demo")
)

/// The search's summary and its time in seconds.
func timed(_ engine: DiagnosisEngine) throws -> (search: SearchSummary, seconds: Double) {
  let start = DispatchTime.now().uptimeNanoseconds
  let diagnosis = try engine.diagnose(evidence)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  return (diagnosis.search!, seconds)
}

func record(_ name: String, _ run: (search: SearchSummary, seconds: Double)) -> String {
  #""\#(name)": {"candidates": \#(run.search.candidates), "digests": \#(run.search.digests), "#
    + #""seconds": \#(run.seconds), "verified": \#(run.search.isVerified)}"#
}

let sweepEngine = DiagnosisEngine(rules: [TimestampSweep()], searchBudget: TimestampSweep.count - 1)
_ = try timed(sweepEngine)
let sweep = try timed(sweepEngine)
let whole = try timed(DiagnosisEngine())
let messageBytes = (evidence.serverString?.utf8.count ?? 0) + secret.byteCount
print("{" + record("sweep", sweep) + ", " + record("whole", whole) + #", "message_bytes": \#(messageBytes)}"#)
