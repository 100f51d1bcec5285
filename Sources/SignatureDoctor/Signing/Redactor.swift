/// Removes every API secret from output before it leaves the process.
///
/// This is the last line of defence: no report is built from a secret in the first place.
/// It looks for each secret with surrounding white space and quotes trimmed (so a secret
/// read with a trailing newline is still found without it), as written, JSON-escaped,
/// percent-encoded and as hex, and puts `[secret from LABEL]` in its place.
public struct Redactor: Sendable {
  private struct Needle: Sendable {
    let bytes: [UInt8]
    let replacement: [UInt8]
  }

  private let needles: [Needle]

  /// Secrets shorter than this, once trimmed, are not searched for: they would match
  /// ordinary words.
  public static let minimumLength = 4

  /// Prepares to redact `secrets`.
  public init(secrets: [Secret]) {
    var needles: [Needle] = []
    for secret in secrets {
      let core = Array(Self.trimmed(secret.bytes))
      guard core.count >= Self.minimumLength else { continue }
      let replacement = Array("[secret from \(secret.label)]".utf8)
      let forms = [
        core,
        Array(JSONValue.escaped(String(decoding: core, as: UTF8.self)).utf8),
        Self.percentEncoded(core, uppercase: true),
        Self.percentEncoded(core, uppercase: false),
        Array(Digest(bytes: core).hex.utf8),
        Array(Digest(bytes: core).upperHex.utf8),
      ]
      for form in Set(forms) {
        needles.append(Needle(bytes: form, replacement: replacement))
      }
    }
    self.needles = needles.sorted { $0.bytes.count > $1.bytes.count }
  }

  /// Whether there is nothing to redact.
  public var isEmpty: Bool { needles.isEmpty }

  /// The bytes with every secret replaced.
  public func redact(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    for needle in needles {
      bytes = Self.replacing(needle.bytes, with: needle.replacement, in: bytes)
    }
    return bytes
  }

  /// The text with every secret replaced.
  public func redact(_ text: String) -> String {
    isEmpty ? text : String(decoding: redact(Array(text.utf8)), as: UTF8.self)
  }
}

private extension Redactor {
  static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    let trimmable: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")]
    guard let first = bytes.firstIndex(where: { !trimmable.contains($0) }),
      let last = bytes.lastIndex(where: { !trimmable.contains($0) })
    else { return [] }
    return bytes[first...last]
  }

  static func percentEncoded(_ bytes: [UInt8], uppercase: Bool) -> [UInt8] {
    var output: [UInt8] = []
    for byte in bytes {
      if PercentEncoding.isUnreserved(byte) {
        output.append(byte)
      } else {
        let digits = uppercase ? Digest(bytes: [byte]).upperHex : Digest(bytes: [byte]).hex
        output.append(contentsOf: Array("%\(digits)".utf8))
      }
    }
    return output
  }

  static func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
    guard var found = ByteSearch.firstIndex(of: needle, in: haystack, from: 0) else { return haystack }
    var output: [UInt8] = []
    output.reserveCapacity(haystack.count)
    var copied = 0
    while true {
      output.append(contentsOf: haystack[copied..<found])
      output.append(contentsOf: replacement)
      copied = found + needle.count
      guard let next = ByteSearch.firstIndex(of: needle, in: haystack, from: copied) else { break }
      found = next
    }
    output.append(contentsOf: haystack[copied...])
    return output
  }
}
