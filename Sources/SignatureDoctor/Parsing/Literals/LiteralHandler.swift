/// Where and why reading a literal stopped.
struct LiteralFailure: Error, Equatable {
  /// The byte offset of the problem.
  let offset: Int
  /// What is wrong.
  let problem: InputError.Problem

  /// The same failure with `detail` inserted after the first clause of a syntax message,
  /// such as "expected a quoted key" + " after the member 'folder'".
  func adding(_ detail: String) -> LiteralFailure {
    guard case .syntax(let message) = problem, let comma = message.firstIndex(of: ",") else { return self }
    let inserted = String(message[..<comma]) + detail + String(message[comma...])
    return LiteralFailure(offset: offset, problem: .syntax(inserted))
  }
}

/// Receives a literal piece by piece as `LiteralParser` reads it.
///
/// Two handlers exist: `ValueTreeBuilder` keeps the whole value, and `StringToSignBuilder`
/// writes the string to sign as it goes, which is what lets `sign --jsonl` skip building a
/// tree for every line. Byte buffers are valid only during the call.
protocol LiteralHandler {
  /// A map starts at byte `offset`.
  mutating func beginMap(at offset: Int) throws(LiteralFailure)
  /// The current map's next key, decoded.
  mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure)
  /// The current map ends just before byte `end`.
  mutating func endMap(at end: Int) throws(LiteralFailure)
  /// A list starts at byte `offset`.
  mutating func beginList(at offset: Int) throws(LiteralFailure)
  /// The current list ends just before byte `end`.
  mutating func endList(at end: Int) throws(LiteralFailure)
  /// A string, decoded.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure)
  /// A number, as written.
  mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure)
  /// A boolean or null, with its spelling.
  mutating func constant(_ value: ParameterValue, span: Range<Int>) throws(LiteralFailure)
}
