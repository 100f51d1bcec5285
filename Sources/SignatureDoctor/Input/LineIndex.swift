/// The lines of a text, counted once, so that the line and column of any byte are found
/// without counting from the start of the text again.
///
/// A line ends at a line feed, at a carriage return and line feed together, or at a carriage
/// return alone: the breaks the error-text reader itself knows. Columns count Unicode scalars.
/// Every `blockSize` bytes the index keeps how many breaks come before and how many scalars
/// of the current line; a lookup counts at most one block from there, so it costs the same
/// on a text of one enormous line as on a text of short ones, and the index takes two
/// numbers per block whatever the number of lines.
///
/// ```
/// "first line\rsecond: Invalid…"   the I is at 2:9
/// ```
struct LineIndex: Sendable {
  /// The bytes between two checkpoints.
  static let blockSize = 256

  /// For each block, how many line breaks stand before its first byte.
  private let breaksBefore: [Int]
  /// For each block, how many scalars of its line stand before its first byte.
  private let columnsBefore: [Int]

  /// Counts the lines of `bytes`.
  init(_ bytes: [UInt8]) {
    var breaksBefore: [Int] = []
    var columnsBefore: [Int] = []
    breaksBefore.reserveCapacity(bytes.count / Self.blockSize + 1)
    columnsBefore.reserveCapacity(bytes.count / Self.blockSize + 1)
    bytes.withUnsafeBufferPointer { buffer in
      var breaks = 0
      var columns = 0
      for index in 0...buffer.count {
        if index % Self.blockSize == 0 {
          breaksBefore.append(breaks)
          columnsBefore.append(columns)
        }
        guard index < buffer.count else { break }
        if Self.isBreak(at: index, in: buffer) {
          breaks += 1
          columns = 0
        } else if Self.startsScalar(buffer[index]) {
          columns += 1
        }
      }
    }
    self.breaksBefore = breaksBefore
    self.columnsBefore = columnsBefore
  }

  /// The location of byte `offset` of `bytes`, the text the index was built from; an offset
  /// past either end is taken as that end.
  func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
    let offset = min(max(offset, 0), bytes.count)
    let block = offset / Self.blockSize
    return bytes.withUnsafeBufferPointer { buffer in
      var line = breaksBefore[block] + 1
      var column = columnsBefore[block] + 1
      for index in block * Self.blockSize..<offset {
        if Self.isBreak(at: index, in: buffer) {
          line += 1
          column = 1
        } else if Self.startsScalar(buffer[index]) {
          column += 1
        }
      }
      return SourceLocation(line: line, column: column)
    }
  }

  /// The location of byte `offset` of `bytes`, counted from the start; for a single lookup.
  static func location(ofByte offset: Int, in bytes: some Collection<UInt8>) -> SourceLocation {
    let text = Array(bytes.prefix(max(offset, 0) + 1))
    return LineIndex(text).location(ofByte: min(max(offset, 0), bytes.count), in: text)
  }

  /// Whether the byte at `index` ends a line: a line feed, or a carriage return that no line
  /// feed follows. The carriage return of a pair belongs to the line it ends.
  private static func isBreak(at index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
    switch buffer[index] {
    case 0x0A: true
    case 0x0D: index + 1 == buffer.count || buffer[index + 1] != 0x0A
    default: false
    }
  }

  /// Whether a UTF-8 byte starts a scalar rather than continuing one.
  private static func startsScalar(_ byte: UInt8) -> Bool {
    byte & 0xC0 != 0x80
  }
}
