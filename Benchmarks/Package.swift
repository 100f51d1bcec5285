// swift-tools-version:6.0
// Benchmarks for sigdoc, kept apart so that the main package stays small. Run them through
// the scripts beside this file: sign-throughput.py and search-throughput.py.
import PackageDescription

// A path dependency is named after its folder, which is whatever the clone was called.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "sigdoc"

let package = Package(
  name: "sigdoc-benchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "search-benchmark",
      dependencies: [.product(name: "SignatureDoctor", package: root.lowercased())],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])]
    ),
  ]
)
