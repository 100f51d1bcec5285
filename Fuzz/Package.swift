// swift-tools-version:6.0
// Fuzz targets for sigdoc's readers (README.md, "Fuzzing"). Built for libFuzzer with
//   swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xcc -DSIGDOC_FUZZING
// and, without those flags, as programs that replay the files they are given.
import PackageDescription

// A path dependency is named after its folder, which is whatever the clone was called.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "sigdoc"
let library = Target.Dependency.product(name: "SignatureDoctor", package: root.lowercased())

let package = Package(
  name: "sigdoc-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "FuzzingSupport"),
    .target(name: "FuzzReplay", dependencies: ["FuzzingSupport"]),
    .executableTarget(name: "fuzz-sign", dependencies: ["FuzzReplay", library]),
    .executableTarget(name: "fuzz-error-text", dependencies: ["FuzzReplay", library]),
    .executableTarget(name: "fuzz-params", dependencies: ["FuzzReplay", library]),
    .executableTarget(name: "fuzz-diagnose", dependencies: ["FuzzReplay", library]),
  ]
)
