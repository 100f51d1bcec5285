/// Text with marks for how each part should look, so that the library can shape a report
/// without knowing whether it will reach a terminal.
public struct StyledText: Sendable, ExpressibleByStringLiteral {
  /// How a part should look.
  public enum Style: Sendable {
    case plain
    /// Headings and names.
    case strong
    /// Secondary detail.
    case faint
    /// What is right or proven.
    case good
    /// What is wrong.
    case bad
    /// A rule's name.
    case rule
  }

  /// The parts, in order.
  public private(set) var parts: [(text: String, style: Style)] = []

  public init() {}

  public init(_ text: String, _ style: Style = .plain) {
    parts = [(text, style)]
  }

  public init(stringLiteral value: String) {
    self.init(value)
  }

  /// Appends a part.
  public mutating func append(_ text: String, _ style: Style = .plain) {
    parts.append((text, style))
  }

  /// Appends another styled text.
  public mutating func append(_ other: StyledText) {
    parts += other.parts
  }

  /// The text without styles.
  public var plain: String { parts.map(\.text).joined() }
}
