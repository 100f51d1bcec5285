// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "sigdoc",
  products: [
    .library(name: "SignatureDoctor", targets: ["SignatureDoctor"]),
    .executable(name: "sigdoc", targets: ["sigdoc"]),
  ],
  targets: [
    // System library: OpenSSL's libcrypto, reached only from SignatureDoctor/Digest.
    .systemLibrary(
      name: "COpenSSL",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),

    // Library: reading pastes, signing, rules, the engine and the reports.
    .target(
      name: "SignatureDoctor",
      dependencies: ["COpenSSL"],
      linkerSettings: [.linkedLibrary("m")]
    ),

    // Command line: arguments, streams, exit statuses.
    .executableTarget(
      name: "sigdoc",
      dependencies: ["SignatureDoctor"]
    ),

    // Tests.
    .testTarget(
      name: "SignatureDoctorTests",
      dependencies: ["SignatureDoctor"]
    ),
    .testTarget(
      name: "sigdocTests",
      dependencies: ["sigdoc", "SignatureDoctor"]
    ),
  ]
)
