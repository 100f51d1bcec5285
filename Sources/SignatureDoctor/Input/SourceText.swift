/// Text that a person pasted or a file held, with the name it is reported under.
///
/// Readers work on `bytes` and report byte offsets; `location(ofByte:)` turns an offset into
/// the line and column a person sees. The text is known to be valid UTF-8.
public struct SourceText: Sendable {
  /// The name used in messages: a path as the user typed it, or `<stdin>`.
  public let name: String
  /// The UTF-8 bytes, without a leading byte order mark.
  public let bytes: [UInt8]
  /// The lines of `bytes`, counted once.
  private let lines: LineIndex

  /// The text as a string.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Checks raw bytes and wraps them.
  ///
  /// - Throws: `InputError` when the bytes are empty, larger than `limits.maximumByteCount`,
  ///   binary, or not UTF-8.
  public init(name: String, bytes: [UInt8], limits: InputLimits = .standard) throws(InputError) {
    var bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    self.name = name
    self.bytes = bytes
    self.lines = LineIndex(bytes)
    try validate(limits)
  }

  /// Wraps text that is already a Swift string, such as a rule example.
  public init(name: String, text: String) {
    self.name = name
    self.bytes = Array(text.utf8)
    self.lines = LineIndex(bytes)
  }

  /// The line and column of a byte offset; columns count Unicode scalars from 1.
  ///
  /// A line ends at a line feed, a carriage return and line feed, or a lone carriage return.
  /// The lines are counted once per text, so a lookup costs the same wherever the offset is.
  public func location(ofByte offset: Int) -> SourceLocation {
    lines.location(ofByte: offset, in: bytes)
  }
}

/// A place in a source text, as a person counts it.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The line, from 1.
  public let line: Int
  /// The column in Unicode scalars, from 1.
  public let column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The location of byte `offset` in UTF-8 `bytes`, counting line breaks as
  /// `SourceText.location(ofByte:)` does.
  ///
  /// Each call counts from the start of `bytes`; for many lookups in one text, use
  /// `SourceText.location(ofByte:)`, which counts the lines once.
  public init(ofByte offset: Int, in bytes: some BidirectionalCollection<UInt8>) {
    self = LineIndex.location(ofByte: offset, in: bytes)
  }

  public var description: String { "\(line):\(column)" }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

private extension SourceText {
  func validate(_ limits: InputLimits) throws(InputError) {
    guard !bytes.isEmpty, bytes.contains(where: { !Self.isWhitespace($0) }) else {
      throw InputError(name, .empty)
    }
    guard bytes.count <= limits.maximumByteCount else {
      throw InputError(name, .tooLarge(limit: limits.maximumByteCount))
    }
    // NB: whichever problem comes first is named, so that a binary file is called binary.
    let invalid = UTF8Validation.firstInvalidByte(in: bytes) ?? bytes.count
    if let offset = bytes[..<invalid].indices.first(where: {
      Self.isBinaryControl(bytes[$0]) && !endsTerminalCommand(at: $0)
    }) {
      throw InputError(name, at: location(ofByte: offset), .binary(byte: bytes[offset]))
    }
    if invalid < bytes.count {
      throw InputError(name, at: location(ofByte: invalid), .invalidUTF8)
    }
  }

  /// Whether the byte at `index` is a bell that ends a terminal's operating system command
  /// (ESC `]` … BEL) opened on its line: a terminal capture holds them around hyperlinks
  /// and titles.
  func endsTerminalCommand(at index: Int) -> Bool {
    guard bytes[index] == 0x07 else { return false }
    var position = index
    while position > max(0, index - Self.terminalCommandReach) {
      position -= 1
      switch bytes[position] {
      case 0x0A, 0x0D, 0x07: return false
      case 0x1B: return bytes[position + 1] == UInt8(ascii: "]")
      default: continue
      }
    }
    return false
  }

  /// How far back the ESC `]` that opens a terminal command is looked for.
  static let terminalCommandReach = 4096

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// Control characters that never occur in pasted text: NUL and the C0 controls other
  /// than tab, line feed, form feed, carriage return and escape (terminal colour codes);
  /// a bell counts only outside a terminal command.
  static func isBinaryControl(_ byte: UInt8) -> Bool {
    byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(byte)
  }
}
