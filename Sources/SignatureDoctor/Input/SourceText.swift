/// Text that a person pasted or a file held, with the name it is reported under.
///
/// Readers work on `bytes` and report byte offsets; `location(ofByte:)` turns an offset into
/// the line and column a person sees. The text is known to be valid UTF-8.
public struct SourceText: Sendable {
  /// The name used in messages: a path as the user typed it, or `<stdin>`.
  public let name: String
  /// The UTF-8 bytes, without a leading byte order mark.
  public let bytes: [UInt8]
  /// Where lines start, so that a location costs a search rather than a count from the
  /// start: reports locate every parameter, and there may be tens of thousands.
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
  /// The same as `SourceLocation(ofByte:in:)` on `bytes`, in logarithmic time.
  public func location(ofByte offset: Int) -> SourceLocation {
    lines.location(ofByte: offset, in: bytes)
  }
}

/// The start of every line of a text, and how many scalars precede every
/// `LineIndex.stride`-th byte.
private struct LineIndex: Sendable {
  static let stride = 1024

  /// The offset of each line's first byte; the first is 0.
  private let lineStarts: [Int]
  /// The number of scalars before byte `k * stride`, for each `k`.
  private let scalarCounts: [Int]

  init(_ bytes: [UInt8]) {
    var lineStarts = [0]
    var scalarCounts: [Int] = []
    scalarCounts.reserveCapacity(bytes.count / Self.stride + 1)
    var scalars = 0
    bytes.withUnsafeBufferPointer { buffer in
      for (offset, byte) in buffer.enumerated() {
        if offset % Self.stride == 0 { scalarCounts.append(scalars) }
        if byte & 0xC0 != 0x80 { scalars += 1 }
        if byte == 0x0A { lineStarts.append(offset + 1) }
      }
    }
    scalarCounts.append(scalars)
    self.lineStarts = lineStarts
    self.scalarCounts = scalarCounts
  }

  func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
    let offset = min(max(offset, 0), bytes.count)
    // The last line that starts at or before the offset.
    var low = 0
    var high = lineStarts.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle }
    }
    let column = scalars(before: offset, in: bytes) - scalars(before: lineStarts[low], in: bytes)
    return SourceLocation(line: low + 1, column: column + 1)
  }

  private func scalars(before offset: Int, in bytes: [UInt8]) -> Int {
    let block = offset / Self.stride
    var count = scalarCounts[block]
    for index in block * Self.stride..<offset where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
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

  /// The location of byte `offset` in UTF-8 `bytes`.
  public init(ofByte offset: Int, in bytes: some BidirectionalCollection<UInt8>) {
    let end = bytes.index(bytes.startIndex, offsetBy: min(max(offset, 0), bytes.count))
    let before = bytes[..<end]
    let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { bytes.index(after: $0) }
      ?? bytes.startIndex
    line = before.lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
    column = bytes[lineStart..<end].lazy.filter { $0 & 0xC0 != 0x80 }.count + 1
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
    if let offset = bytes[..<invalid].firstIndex(where: Self.isBinaryControl) {
      throw InputError(name, at: location(ofByte: offset), .binary(byte: bytes[offset]))
    }
    if invalid < bytes.count {
      throw InputError(name, at: location(ofByte: invalid), .invalidUTF8)
    }
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// Control characters that never occur in pasted text: NUL and the C0 controls other
  /// than tab, line feed, form feed, carriage return and escape (terminal colour codes).
  static func isBinaryControl(_ byte: UInt8) -> Bool {
    byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(byte)
  }
}
