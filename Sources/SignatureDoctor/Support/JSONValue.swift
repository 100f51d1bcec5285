/// A JSON document being written: objects print their keys in code-point order, so the
/// same value always gives the same bytes.
public enum JSONValue: Hashable, Sendable {
  case string(String)
  case integer(Int)
  /// A number written with exactly `decimals` digits after the point, such as a confidence.
  case fixed(Double, decimals: Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  /// The document as compact JSON on one line.
  public var compact: String {
    var output: [UInt8] = []
    write(to: &output, indent: nil, depth: 0)
    return String(decoding: output, as: UTF8.self)
  }

  /// The document indented by two spaces, ending with a line break.
  public var pretty: String {
    var output: [UInt8] = []
    write(to: &output, indent: 2, depth: 0)
    output.append(0x0A)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends the compact document to `output`.
  public func writeCompact(to output: inout [UInt8]) {
    write(to: &output, indent: nil, depth: 0)
  }

  /// `text` as the inside of a JSON string: quotes, backslashes and control characters
  /// escaped, everything else as it is.
  public static func escaped(_ text: String) -> String {
    var output: [UInt8] = []
    appendEscaped(text, to: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Appends `text` as the inside of a JSON string. U+2028 and U+2029 are escaped too, so
  /// that the output is also valid JavaScript.
  public static func appendEscaped(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendEscaped($0, to: &output) }
  }

  /// Appends valid UTF-8 `bytes` as the inside of a JSON string.
  public static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    do {
      output.reserveCapacity(output.count + bytes.count + 2)
      var clean = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        // NB: nearly every byte is clean; one table lookup rules it out.
        guard needsAttention[Int(byte)] else {
          index += 1
          continue
        }
        let escape: String
        switch byte {
        case UInt8(ascii: "\""): escape = "\\\""
        case UInt8(ascii: "\\"): escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0x08: escape = "\\b"
        case 0x0C: escape = "\\f"
        case 0xE2:
          guard index + 2 < bytes.count, bytes[index + 1] == 0x80,
            bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
          else {
            index += 1
            continue
          }
          escape = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)
        default: escape = unicodeEscape(UInt32(byte))
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<index]))
        output.append(contentsOf: escape.utf8)
        index += byte == 0xE2 ? 3 : 1
        clean = index
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<bytes.count]))
    }
  }

  /// The bytes that may start something to escape: controls, `"`, `\`, DEL, and 0xE2, the
  /// lead byte of U+2028 and U+2029.
  private static let needsAttention: [Bool] = (0...255).map { byte in
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

private extension JSONValue {
  static func unicodeEscape(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
  }

  func write(to output: inout [UInt8], indent: Int?, depth: Int) {
    switch self {
    case .string(let text):
      output.append(UInt8(ascii: "\""))
      Self.appendEscaped(text, to: &output)
      output.append(UInt8(ascii: "\""))
    case .integer(let number):
      output.append(contentsOf: String(number).utf8)
    case .fixed(let number, let decimals):
      output.append(contentsOf: Self.fixedText(number, decimals: decimals).utf8)
    case .bool(let flag):
      output.append(contentsOf: (flag ? "true" : "false").utf8)
    case .null:
      output.append(contentsOf: "null".utf8)
    case .array(let elements):
      writeContainer(
        elements.map { (nil, $0) },
        open: UInt8(ascii: "["),
        close: UInt8(ascii: "]"),
        to: &output,
        indent: indent,
        depth: depth
      )
    case .object(let members):
      let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      writeContainer(
        sorted.map { ($0.key, $0.value) },
        open: UInt8(ascii: "{"),
        close: UInt8(ascii: "}"),
        to: &output,
        indent: indent,
        depth: depth
      )
    }
  }

  func writeContainer(
    _ items: [(String?, JSONValue)],
    open: UInt8,
    close: UInt8,
    to output: inout [UInt8],
    indent: Int?,
    depth: Int
  ) {
    output.append(open)
    guard !items.isEmpty else { return output.append(close) }
    for (index, (key, value)) in items.enumerated() {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      if let indent {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * (depth + 1)))
      }
      if let key {
        JSONValue.string(key).write(to: &output, indent: nil, depth: 0)
        output.append(UInt8(ascii: ":"))
        if indent != nil { output.append(UInt8(ascii: " ")) }
      }
      value.write(to: &output, indent: indent, depth: depth + 1)
    }
    if let indent {
      output.append(0x0A)
      output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }
    output.append(close)
  }

  /// Writes `number` rounded half away from zero to `decimals` places, without relying on
  /// the C library's locale.
  static func fixedText(_ number: Double, decimals: Int) -> String {
    var scale = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((abs(number) * Double(scale)).rounded(.toNearestOrAwayFromZero))
    let fraction = String(scaled % scale)
    let sign = number < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(scaled) }
    let padding = String(repeating: "0", count: decimals - fraction.count)
    return sign + String(scaled / scale) + "." + padding + fraction
  }
}
