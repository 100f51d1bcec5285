/// Finds the first byte that breaks UTF-8, without building a string.
enum UTF8Validation {
  /// The offset of the first byte that does not start a well-formed UTF-8 sequence, or
  /// `nil` when every byte does. Overlong forms, surrogates and values past U+10FFFF fail.
  static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    while index < bytes.count {
      // NB: most text is ASCII; eight bytes at a time rule it in.
      while index + 8 <= bytes.count,
        UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
          & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
      guard index < bytes.count else { break }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length = sequenceLength(lead)
      guard length > 1, index + length <= bytes.count,
        secondByteRange(lead).contains(bytes[index + 1])
      else { return index }
      for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
        return index
      }
      index += length
    }
    return nil
  }

  /// The offset of the first byte that breaks UTF-8 in an array.
  static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { firstInvalidByte(in: $0) }
  }

  private static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xC2...0xDF: 2
    case 0xE0...0xEF: 3
    case 0xF0...0xF4: 4
    default: 0
    }
  }

  /// The second byte's range, which rules out overlong forms, surrogates and values past
  /// U+10FFFF (Unicode Table 3-7).
  private static func secondByteRange(_ lead: UInt8) -> ClosedRange<UInt8> {
    switch lead {
    case 0xE0: 0xA0...0xBF
    case 0xED: 0x80...0x9F
    case 0xF0: 0x90...0xBF
    case 0xF4: 0x80...0x8F
    default: 0x80...0xBF
    }
  }
}
