/// Text made safe to show in a terminal: characters that print as nothing, or as something
/// they are not, are written as escapes.
///
/// Line breaks, tabs and other controls, zero-width and format characters, and unusual
/// spaces become `\n`, `\r`, `\t` or `\u{200B}`. When any escape is written, backslashes are
/// doubled so that the escapes cannot be confused with the text.
///
/// ```
/// "a\u{200B}b" → a\u{200B}b
/// ```
public struct VisibleText: Sendable {
  /// The text as it should be shown.
  public let text: String
  /// Whether anything was escaped.
  public let hasEscapes: Bool

  /// Prepares `original` for display.
  public init(_ original: String) {
    guard original.unicodeScalars.contains(where: Self.needsEscape) else {
      text = original
      hasEscapes = false
      return
    }
    var output = ""
    for scalar in original.unicodeScalars {
      switch scalar {
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\\": output += "\\\\"
      case _ where Self.needsEscape(scalar):
        output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: output.unicodeScalars.append(scalar)
      }
    }
    text = output
    hasEscapes = true
  }

  /// Whether a scalar would be invisible or misleading on a terminal.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
      true
    case .spaceSeparator:
      scalar != " "
    default:
      false
    }
  }
}
