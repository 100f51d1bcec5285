/// Cloudinary's canonical string to sign: sorted `key=value` pairs joined with `&`.
///
/// It is built as the server builds it for an upload and as pycloudinary 1.46.3 builds it
/// for the same values:
/// - `file`, `cloud_name`, `resource_type`, `api_key` and `signature` are left out unless
///   `SigningOptions.signsAllKeys` is set;
/// - null values, empty strings, empty lists and empty maps are left out (pycloudinary
///   drops `{}`, and a form body cannot carry one); a list is joined with `,`
///   (a list of one empty string gives `key=`, as in pycloudinary); a boolean is written
///   `true` or `false`; a number keeps the text it was written with;
/// - version 2 writes each `&` of a pair as `%26`;
/// - the pairs are sorted by Unicode code point, comparing whole pairs as Python's `sorted`
///   does (so `a1=…` comes before `a=…`). Swift's own `String` ordering is not code-point
///   order and equates NFC with NFD, so pairs are compared by their UTF-8 bytes, which
///   order exactly as code points do.
///
/// A key that repeats keeps its last value, as a Python dict would; keys are compared by
/// code point. Every byte is kept: line breaks, tabs, zero-width characters, combining
/// marks.
public struct StringToSign: Hashable, Sendable {
  /// The UTF-8 bytes of the string.
  public let bytes: [UInt8]
  /// Where each pair sits in `bytes`.
  private let pairRanges: [Range<Int>]

  /// The string itself.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The pairs in signing order, escaped for the version.
  public var pairs: [String] {
    pairRanges.map { String(decoding: bytes[$0], as: UTF8.self) }
  }

  /// Wraps pairs that are already in signing order.
  public init(pairs: [String]) {
    var buffer = PairBuffer()
    for pair in pairs {
      buffer.begin()
      buffer.append(pair)
      buffer.end()
    }
    self.init(pairBytes: buffer.bytes, ranges: buffer.ranges)
  }

  /// Builds the canonical string for `parameters`.
  ///
  /// - Throws: `SigningError` when a value is nested and `options.nestedValues` is `.reject`.
  public init(_ parameters: [Parameter], options: SigningOptions = SigningOptions()) throws(SigningError) {
    var builder = StringToSignBuilder(options: options)
    do {
      try builder.beginMap(at: 0)
      for parameter in parameters {
        let keySpan = parameter.keySpan ?? 0..<0
        try parameter.key.withBytes { (bytes) throws(LiteralFailure) in
          try builder.key(bytes, span: keySpan)
        }
        try Self.replay(parameter.value, span: parameter.valueSpan ?? keySpan, into: &builder)
      }
      try builder.endMap(at: 0)
    } catch {
      // NB: a builder fed parameters fails only for a signing problem, which it keeps.
      throw builder.signingError ?? .nestedValue(key: "", kind: "unreadable", span: nil)
    }
    self = builder.finish()
  }

  /// Assembles the string from pair bytes and their ranges in signing order.
  init(pairBytes: [UInt8], ranges: [Range<Int>]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(pairBytes.count + ranges.count)
    var pairRanges: [Range<Int>] = []
    pairRanges.reserveCapacity(ranges.count)
    // NB: through one buffer pointer, not a slice per pair: `sign --jsonl` builds a
    // million of these a second, and each slice costs a retain and a release.
    pairBytes.withUnsafeBufferPointer { source in
      for range in ranges {
        if !pairRanges.isEmpty { bytes.append(UInt8(ascii: "&")) }
        pairRanges.append(bytes.count..<bytes.count + range.count)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
      }
    }
    self.bytes = bytes
    self.pairRanges = pairRanges
  }

  /// Writes one pair in the form `version` uses.
  public static func pair(_ key: String, _ value: String, version: SignatureVersion) -> String {
    let pair = key + "=" + value
    return version >= .v2 ? pair.replacingAll("&", with: "%26") : pair
  }

  /// Whether `lhs` sorts before `rhs` in code-point order.
  public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
  }

  /// The text the server signs for one value, or `nil` when the value is left out.
  ///
  /// - Throws: `SigningError` when the value is nested and nesting is refused.
  public static func render(
    _ parameter: Parameter,
    options: SigningOptions = SigningOptions()
  ) throws(SigningError) -> String? {
    var unescaped = options
    unescaped.version = .v1
    unescaped.signsAllKeys = true
    let single = try StringToSign(
      [Parameter("", parameter.value, valueSpan: parameter.valueSpan)],
      options: unescaped
    )
    guard let pair = single.pairs.first else { return nil }
    return String(pair.dropFirst())
  }
}

extension StringToSign: CustomStringConvertible {
  public var description: String { text }
}

private extension StringToSign {
  /// Feeds a parsed value to the builder as the parser would have.
  static func replay(
    _ value: ParameterValue,
    span: Range<Int>,
    into builder: inout StringToSignBuilder
  ) throws(LiteralFailure) {
    switch value {
    case .string(let text):
      try text.withBytes { (bytes) throws(LiteralFailure) in try builder.string(bytes, span: span) }
    case .number(let text):
      try text.withBytes { (bytes) throws(LiteralFailure) in try builder.number(bytes, span: span) }
    case .boolean, .null:
      try builder.constant(value, span: span)
    case .list(let elements):
      try builder.beginList(at: span.lowerBound)
      for element in elements { try replay(element, span: span, into: &builder) }
      try builder.endList(at: span.upperBound)
    case .map(let members):
      try builder.beginMap(at: span.lowerBound)
      for member in members {
        try member.key.withBytes { (bytes) throws(LiteralFailure) in try builder.key(bytes, span: span) }
        try replay(member.value, span: span, into: &builder)
      }
      try builder.endMap(at: span.upperBound)
    }
  }
}

/// How the server writes a nested form value: Ruby's `Hash#inspect` before Ruby 3.4, with
/// every leaf as a string, since form fields carry text.
enum RubyInspection {
  static func render(_ value: ParameterValue) -> String {
    switch value {
    case .map(let members):
      "{" + members.map { quoted($0.key) + "=>" + render($0.value) }.joined(separator: ", ") + "}"
    case .list(let elements):
      "[" + elements.map(render).joined(separator: ", ") + "]"
    case .null:
      "nil"
    case .boolean(let flag, _):
      quoted(flag ? "true" : "false")
    case .string(let text), .number(let text):
      quoted(text)
    }
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
