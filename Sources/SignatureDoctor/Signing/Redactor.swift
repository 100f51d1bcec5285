/// Removes every API secret from output before it leaves the process.
///
/// This is the last line of defence: no report is built from a secret in the first place.
/// It looks for each secret with surrounding white space and quotes trimmed (so a secret
/// read with a trailing newline is still found without it), as written, JSON-escaped, with
/// invisible characters escaped as error lines show them, percent-encoded and as hex, and
/// puts `[secret from LABEL]` in its place. A run of `fragmentLength` or more bytes copied
/// from a secret goes too, wherever it stands: a secret cut short, or glued to the string a
/// client signed, is still most of the secret.
///
/// A match that lies strictly inside a digest is left alone: a digest is not a leak, and a
/// secret made of hex digits (Cloudinary's documented example is `abcd`) turns up inside
/// signatures by chance. A digest here is a maximal run of hex digits, in either case, 40
/// or 64 long, or base64 of 20 or 32 bytes as the tool prints it (27 or 43 characters of
/// the standard alphabet, then one `=`), longer than the match. The secret standing alone,
/// or glued to other text, is still redacted.
public struct Redactor: Sendable {
  /// One finder per spelling of each secret: the bytes as written, whose runs are found,
  /// and each other spelling, found whole.
  private let finders: [SecretFragments]

  /// Secrets shorter than this, once trimmed, are not searched for: they would match
  /// ordinary words.
  public static let minimumLength = 4

  /// The shortest run copied from a secret that is redacted; a shorter secret is redacted
  /// only whole.
  public static let fragmentLength = 10

  /// Prepares to redact `secrets`.
  public init(secrets: [Secret]) {
    var finders: [SecretFragments] = []
    for secret in secrets {
      let core = Array(Self.trimmed(secret.bytes))
      guard core.count >= Self.minimumLength else { continue }
      let replacement = Array("[secret from \(secret.label)]".utf8)
      let window = min(core.count, Self.fragmentLength)
      finders.append(SecretFragments(secret: core, window: window, replacement: replacement))
      // The bytes as written are found by the fragments; these are the other spellings.
      let text = String(decoding: core, as: UTF8.self)
      let forms = [
        Array(JSONValue.escaped(text).utf8),
        // NB: error lines and text reports show invisible characters as escapes.
        Array(VisibleText(text).text.utf8),
        Self.percentEncoded(core, uppercase: true),
        Self.percentEncoded(core, uppercase: false),
        Array(Digest(bytes: core).hex.utf8),
        Array(Digest(bytes: core).upperHex.utf8),
      ]
      var seen: Set<[UInt8]> = [core]
      for form in forms where seen.insert(form).inserted {
        finders.append(SecretFragments(secret: form, window: form.count, replacement: replacement))
      }
    }
    self.finders = finders
  }

  /// Whether there is nothing to redact.
  public var isEmpty: Bool { finders.isEmpty }

  /// The bytes with every secret replaced.
  public func redact(_ bytes: [UInt8]) -> [UInt8] {
    SecretFragments.replacing(finders, in: bytes)
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
}

// MARK: - Digests

extension Redactor {
  /// Whether `match` lies strictly inside a digest in `text`: a maximal run of hex digits 40
  /// or 64 long, or 27 or 43 characters of standard base64 followed by one `=`, that is
  /// longer than the match.
  ///
  /// Each run is followed for at most one digest's length either side, so a long run of hex
  /// costs no more than a short one.
  static func liesInsideDigest(_ match: Range<Int>, of text: [UInt8]) -> Bool {
    guard !match.isEmpty, match.lowerBound >= 0, match.upperBound <= text.count else {
      return false
    }
    if text[match].allSatisfy(isHexDigit) {
      let run = maximalRun(around: match, in: text, limit: 64, where: isHexDigit)
      if run.count > match.count, run.count == 40 || run.count == 64 { return true }
    }
    if text[match].allSatisfy(isBase64Digit) {
      let run = maximalRun(around: match, in: text, limit: 43, where: isBase64Digit)
      let padding = run.upperBound
      let isPadded = padding < text.count && text[padding] == UInt8(ascii: "=")
      let isDigest = isPadded
        && (padding + 1 == text.count
          || !(isBase64Digit(text[padding + 1]) || text[padding + 1] == UInt8(ascii: "=")))
      if run.count > match.count, run.count == 27 || run.count == 43, isDigest { return true }
    }
    return false
  }

  /// The run of bytes that pass `test` around `match`, grown at most until it is one byte
  /// longer than `limit`.
  private static func maximalRun(
    around match: Range<Int>,
    in text: [UInt8],
    limit: Int,
    where test: (UInt8) -> Bool
  ) -> Range<Int> {
    var lower = match.lowerBound
    var upper = match.upperBound
    while lower > 0, upper - lower <= limit, test(text[lower - 1]) { lower -= 1 }
    while upper < text.count, upper - lower <= limit, test(text[upper]) { upper += 1 }
    return lower..<upper
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    ByteCursor.hexValue(byte) != nil
  }

  private static func isBase64Digit(_ byte: UInt8) -> Bool {
    ByteCursor.isLetter(byte) || ByteCursor.isDigit(byte) || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: "/")
  }
}

/// Finds the runs of one secret's bytes in a text, in one pass that reads a few bytes of
/// every `step`.
///
/// A run of `window` bytes or more holds four bytes starting at a multiple of
/// `window - 3`, so the scan looks only there, through a 64 Ki-bit filter of the secret's
/// four-byte grams, and grows each hit to the whole run it belongs to. With `window` the
/// secret's whole length, it finds the secret whole and nothing shorter.
private struct SecretFragments: Sendable {
  let secret: [UInt8]
  let replacement: [UInt8]
  /// The shortest run redacted, at least four bytes.
  let window: Int
  /// Where each four-byte gram of the secret starts in it.
  private let grams: [UInt32: [Int]]
  /// One bit per gram's 16-bit fold, for the scan's quick test.
  private let filter: [UInt64]

  init(secret: [UInt8], window: Int, replacement: [UInt8]) {
    precondition(window >= 4 && window <= secret.count, "a window of 4 bytes to the secret's length")
    self.secret = secret
    self.replacement = replacement
    self.window = window
    var grams: [UInt32: [Int]] = [:]
    var filter = [UInt64](repeating: 0, count: 1024)
    for start in 0...(secret.count - 4) {
      let gram = secret.withUnsafeBufferPointer { Self.gram($0, at: start) }
      grams[gram, default: []].append(start)
      let bit = Self.fold(gram)
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    self.grams = grams
    self.filter = filter
  }

  /// The ranges of `text` that are runs of the secret, in order, not overlapping.
  func runs(in text: [UInt8]) -> [Range<Int>] {
    guard text.count >= window else { return [] }
    var runs: [Range<Int>] = []
    let step = window - 3
    // NB: through buffer pointers: every output byte of `sign --jsonl` passes this scan.
    text.withUnsafeBufferPointer { text in
      secret.withUnsafeBufferPointer { secret in
        filter.withUnsafeBufferPointer { filter in
          var position = 0
          while position + 4 <= text.count {
            defer { position += step }
            let gram = Self.gram(text, at: position)
            let bit = Self.fold(gram)
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let starts = grams[gram] else { continue }
            for start in starts {
              var lower = 0
              while position - lower > 0, start - lower > 0,
                text[position - lower - 1] == secret[start - lower - 1]
              {
                lower += 1
              }
              var upper = 4
              while position + upper < text.count, start + upper < secret.count,
                text[position + upper] == secret[start + upper]
              {
                upper += 1
              }
              guard lower + upper >= window else { continue }
              let run = (position - lower)..<(position + upper)
              if let last = runs.last, last.upperBound >= run.lowerBound {
                runs[runs.count - 1] = last.lowerBound..<max(last.upperBound, run.upperBound)
              } else {
                runs.append(run)
              }
            }
          }
        }
      }
    }
    return runs
  }

  /// `text` with every run of every secret replaced; where runs of two secrets overlap,
  /// the one that starts first is named.
  static func replacing(_ all: [SecretFragments], in text: [UInt8]) -> [UInt8] {
    var found: [(run: Range<Int>, replacement: [UInt8])] = []
    for fragments in all {
      for run in fragments.runs(in: text) where !Redactor.liesInsideDigest(run, of: text) {
        found.append((run, fragments.replacement))
      }
    }
    guard !found.isEmpty else { return text }
    found.sort { $0.run.lowerBound < $1.run.lowerBound }
    var output: [UInt8] = []
    output.reserveCapacity(text.count)
    var copied = 0
    for (run, replacement) in found where run.upperBound > copied {
      if run.lowerBound >= copied {
        output.append(contentsOf: text[copied..<run.lowerBound])
        output.append(contentsOf: replacement)
      }
      copied = run.upperBound
    }
    output.append(contentsOf: text[copied...])
    return output
  }

  /// The four bytes at `start`, as one number.
  static func gram(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32 {
    UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt32.self)
  }

  static func fold(_ gram: UInt32) -> Int {
    Int((gram &* 0x9E37_79B1) >> 16)
  }
}
