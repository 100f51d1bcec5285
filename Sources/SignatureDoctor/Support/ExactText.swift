/// A string compared and hashed by its UTF-8 bytes.
///
/// `String`'s own equality takes NFC and NFD for the same text; to a signature they are
/// different bytes, so sets of candidate strings use this instead.
struct ExactText: Hashable {
  let text: String

  init(_ text: String) {
    self.text = text
  }

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.text.hasSameScalars(as: rhs.text)
  }

  func hash(into hasher: inout Hasher) {
    var text = text
    text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
