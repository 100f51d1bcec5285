/// Terminal colours, on only when standard output is a terminal, `TERM` is not `dumb` and
/// `NO_COLOR` is unset or empty.
struct TextStyle: Sendable {
  let isEnabled: Bool

  init(isTerminal: Bool, environment: [String: String]) {
    isEnabled = isTerminal && environment["TERM"] != "dumb" && (environment["NO_COLOR"] ?? "").isEmpty
  }

  init(enabled: Bool) {
    isEnabled = enabled
  }

  func bold(_ text: String) -> String { wrap(text, "1") }
  func dim(_ text: String) -> String { wrap(text, "2") }
  func red(_ text: String) -> String { wrap(text, "31") }
  func green(_ text: String) -> String { wrap(text, "32") }
  func yellow(_ text: String) -> String { wrap(text, "33") }
  func cyan(_ text: String) -> String { wrap(text, "36") }

  private func wrap(_ text: String, _ code: String) -> String {
    isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
