/// Words that must stand in order, matched without regard to ASCII case, with blanks
/// between them: spaces, tabs, or the other Unicode spaces (U+00A0…) a web page puts there.
///
/// People re-case messages when they quote them ("INVALID SIGNATURE", "Invalid signature"),
/// so phrases ignore case; what a message carries (the signature, the string to sign) is
/// never compared this way.
///
/// ```
/// Phrase("string to sign", minimumGap: 0) matches "String to sign", "String  to sign"
/// and "Stringto sign" (a wrapped line joined without its space)
/// ```
struct Phrase: Sendable {
  /// The words, in lower case.
  let words: [[UInt8]]
  /// The fewest blanks that must separate two words.
  let minimumGap: Int

  /// A phrase of the words in `text`, which is written in lower case.
  init(_ text: String, minimumGap: Int = 1) {
    words = text.split(separator: " ").map { Array($0.utf8) }
    self.minimumGap = minimumGap
  }

  /// The index just past the phrase when it stands at `index`, ending before `end`.
  func match(in view: DecodedText, at index: Int, end: Int) -> Int? {
    var position = index
    for (number, word) in words.enumerated() {
      if number > 0 {
        var blanks = 0
        while case let length = TextScan.blankLength(in: view, at: position, end: end), length > 0
        {
          position += length
          blanks += 1
        }
        guard blanks >= minimumGap else { return nil }
      }
      guard position + word.count <= end, TextScan.hasWord(word, in: view, at: position) else {
        return nil
      }
      position += word.count
    }
    return position
  }

  /// The first place at or after `start` where the phrase stands, ending before `end`.
  func firstMatch(in view: DecodedText, from start: Int, to end: Int) -> Range<Int>? {
    guard let first = words.first?.first else { return nil }
    let upper = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") ? first - 0x20 : first
    var position = max(start, 0)
    let end = min(end, view.count)
    while position < end {
      // NB: a plain loop over the buffer; this scan runs around every string the reader
      // classifies.
      let candidate = view.bytes.withUnsafeBufferPointer { buffer in
        var index = position
        while index < end, buffer[index] != first, buffer[index] != upper { index += 1 }
        return index
      }
      guard candidate < end else { return nil }
      if let matchEnd = match(in: view, at: candidate, end: end) { return candidate..<matchEnd }
      position = candidate + 1
    }
    return nil
  }
}
