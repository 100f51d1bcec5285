/// Text decoded from an input, with the input offset each of its bytes came from.
///
/// A string to sign pasted inside a JSON envelope, an HTML page or a Node dump has been
/// escaped on the way; once decoded, `origins` still says where each byte stood in the
/// paste, so that evidence can point at the right line and column.
public struct MappedText: Hashable, Sendable {
  /// The decoded text.
  public let text: String
  /// For each UTF-8 byte of `text`, the offset in the input of the byte (or escape) it was
  /// decoded from.
  public let origins: [Int]

  /// Creates mapped text; `origins` must have one entry per UTF-8 byte of `text`.
  public init(text: String, origins: [Int]) {
    precondition(origins.count == text.utf8.count, "one origin per UTF-8 byte")
    self.text = text
    self.origins = origins
  }

  /// Text that stands in the input as it is, starting at `offset`.
  public init(verbatim text: String, at offset: Int) {
    self.text = text
    self.origins = Array(offset..<offset + text.utf8.count)
  }

  /// The input bytes that the decoded bytes `range` came from.
  public func inputSpan(of range: Range<Int>) -> Range<Int> {
    guard !origins.isEmpty else { return 0..<0 }
    let lower = origins[min(range.lowerBound, origins.count - 1)]
    let upper = range.isEmpty ? lower : origins[min(range.upperBound, origins.count) - 1] + 1
    return lower..<max(upper, lower)
  }
}
