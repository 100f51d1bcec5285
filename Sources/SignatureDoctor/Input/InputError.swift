/// Input that sigdoc cannot read, with where it is and what is wrong.
public struct InputError: Error, Equatable, Sendable {
  /// What is wrong.
  public enum Problem: Equatable, Sendable {
    /// The input holds nothing but white space.
    case empty
    /// The input is larger than the limit, in bytes.
    case tooLarge(limit: Int)
    /// The bytes are not UTF-8.
    case invalidUTF8
    /// The input holds a control byte that text never holds.
    case binary(byte: UInt8)
    /// Lists or maps nest deeper than the limit.
    case tooDeep(limit: Int)
    /// The text breaks the syntax of its format; the payload says what was expected.
    case syntax(String)
    /// The content is well formed but cannot be used; the payload says why.
    case unusable(String)
  }

  /// The input's name in messages.
  public let inputName: String
  /// Where the problem is, when it has a place.
  public let location: SourceLocation?
  /// What is wrong.
  public let problem: Problem

  /// Creates an error for the input named `inputName`.
  public init(_ inputName: String, at location: SourceLocation? = nil, _ problem: Problem) {
    self.inputName = inputName
    self.location = location
    self.problem = problem
  }

  /// The message, in lower case and without a final period.
  public var message: String {
    switch problem {
    case .empty: "the input is empty"
    case .tooLarge(let limit): "the input is larger than the \(ByteCountText.describe(limit)) limit"
    case .invalidUTF8: "the input is not UTF-8 text"
    case .binary(let byte): "the input holds binary data (byte 0x\(ByteCountText.hex(byte)))"
    case .tooDeep(let limit): "lists and maps nest deeper than the limit of \(limit) levels"
    case .syntax(let message), .unusable(let message): message
    }
  }
}

extension InputError: CustomStringConvertible {
  public var description: String {
    if let location {
      "\(inputName):\(location): error: \(message)"
    } else {
      "\(inputName): error: \(message)"
    }
  }
}

/// Small number formatting for messages.
enum ByteCountText {
  static func describe(_ count: Int) -> String {
    if count >= 1 << 20, count.isMultiple(of: 1 << 20) { return "\(count >> 20) MiB" }
    if count >= 1 << 10, count.isMultiple(of: 1 << 10) { return "\(count >> 10) KiB" }
    return "\(count)-byte"
  }

  static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}
