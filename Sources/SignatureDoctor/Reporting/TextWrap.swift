/// Wraps prose to a width for a terminal, at spaces only, so that a long word, a URL or a
/// string to sign is never broken.
public enum TextWrap {
  /// The width reports are wrapped to.
  public static let width = 96

  /// `text` wrapped: the first line after `first` (already written by the caller, counted in
  /// the width), the following lines after `indent`.
  public static func wrap(_ text: String, first: String = "", indent: String, width: Int = width) -> String {
    var lines: [String] = []
    var line = ""
    var lineWidth = first.count
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      let length = word.count
      if !line.isEmpty, lineWidth + 1 + length > width {
        lines.append(line)
        line = String(word)
        lineWidth = indent.count + length
      } else {
        line += (line.isEmpty ? "" : " ") + word
        lineWidth += (line.count == length ? 0 : 1) + length
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n" + indent)
  }
}
