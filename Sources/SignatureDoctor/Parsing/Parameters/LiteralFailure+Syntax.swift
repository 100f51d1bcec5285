extension LiteralFailure {
  /// A syntax failure at `offset`: the text breaks its format there, and `message` says
  /// what was expected.
  static func syntax(_ message: String, at offset: Int) -> LiteralFailure {
    LiteralFailure(offset: offset, problem: .syntax(message))
  }
}
