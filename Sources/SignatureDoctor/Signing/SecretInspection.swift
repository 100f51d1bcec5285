/// What can be said about a secret's shape without revealing any of it.
///
/// A secret copied from a file or an `.env` line often carries a newline, spaces or quotes
/// that the signer then digests along with it.
public struct SecretInspection: Sendable {
  /// Where the secret came from.
  public let label: String
  /// Its length in bytes.
  public let byteCount: Int
  /// Whether it ends with a line feed or carriage return.
  public let endsWithLineBreak: Bool
  /// Whether it starts or ends with a space or tab.
  public let hasOuterSpaces: Bool
  /// Whether it is wrapped in a pair of single or double quotes.
  public let isQuoted: Bool
  /// Whether it holds white space or quotes anywhere inside.
  public let hasInnerWhitespace: Bool

  /// Inspects a secret.
  public init(_ secret: Secret) {
    let bytes = secret.bytes
    label = secret.label
    byteCount = bytes.count
    endsWithLineBreak = bytes.last == 0x0A || bytes.last == 0x0D
    let spaces: Set<UInt8> = [0x20, 0x09]
    hasOuterSpaces = bytes.first.map(spaces.contains) == true
      || bytes.last.map(spaces.contains) == true
    let core = bytes.reversed().drop { [0x0A, 0x0D, 0x20, 0x09].contains($0) }.reversed()
    let quotes: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'")]
    isQuoted = core.count >= 2 && core.first == core.last && core.first.map(quotes.contains) == true
    hasInnerWhitespace = core.dropFirst().dropLast().contains { spaces.contains($0) || $0 == 0x0A }
  }

  /// What is wrong with the shape, as a phrase that follows "the secret from X", or `nil`
  /// when nothing is.
  public var problemDescription: String? {
    var problems: [String] = []
    if endsWithLineBreak { problems.append("ends with a line break") }
    if hasOuterSpaces { problems.append("starts or ends with a space") }
    if isQuoted { problems.append("is wrapped in quotes") }
    if hasInnerWhitespace { problems.append("holds white space") }
    guard !problems.isEmpty else { return nil }
    return problems.count == 1
      ? problems[0]
      : problems.dropLast().joined(separator: ", ") + " and " + problems.last!
  }
}
