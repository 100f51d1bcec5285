extension VisibleText {
  /// `text` made safe to show and cut to about `limit` characters, for a value quoted in a
  /// sentence.
  static func clipped(_ text: String, limit: Int = 40) -> String {
    let shown = VisibleText(text).text
    return shown.count > limit ? String(shown.prefix(limit)) + "…" : shown
  }
}
