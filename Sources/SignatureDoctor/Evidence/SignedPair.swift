/// One `key=value` pair of a string to sign, with where it sits in that string.
public struct SignedPair: Hashable, Sendable {
  /// The key.
  public let key: String
  /// The value as written in the string (a version-2 `%26` stays `%26`).
  public let value: String
  /// The pair's UTF-8 offsets in the string it came from.
  public let range: Range<Int>

  /// Creates a pair.
  public init(key: String, value: String, range: Range<Int>) {
    self.key = key
    self.value = value
    self.range = range
  }

  /// `key=value`.
  public var text: String { key + "=" + value }

  /// Splits a string to sign into pairs.
  ///
  /// Pairs are separated by `&`. A piece with no `=` cannot be a pair of its own, so it is
  /// taken as part of the previous value: a version-1 signer writes a value's `&` as it is.
  /// A value's own `=` stays in the value.
  public static func pairs(in text: String) -> [SignedPair] {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { return [] }
    var pieces: [Range<Int>] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "&") {
      pieces.append(start..<index)
      start = index + 1
    }
    pieces.append(start..<bytes.count)

    var merged: [Range<Int>] = []
    for piece in pieces {
      if let last = merged.last, !bytes[piece].contains(UInt8(ascii: "=")) {
        merged[merged.count - 1] = last.lowerBound..<piece.upperBound
      } else {
        merged.append(piece)
      }
    }
    return merged.map { range in
      let piece = bytes[range]
      let equals = piece.firstIndex(of: UInt8(ascii: "=")) ?? range.upperBound
      let key = String(decoding: bytes[range.lowerBound..<equals], as: UTF8.self)
      let value = equals < range.upperBound
        ? String(decoding: bytes[(equals + 1)..<range.upperBound], as: UTF8.self) : ""
      return SignedPair(key: key, value: value, range: range)
    }
  }
}
