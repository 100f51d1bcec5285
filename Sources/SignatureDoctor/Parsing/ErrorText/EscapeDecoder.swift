/// Decodes one level of string-literal escapes, as JSON, JavaScript, Python, Ruby and Elixir
/// write them, keeping the origin of every decoded byte.
///
/// An escape the notation does not know stays as it is, backslash included: Cloudinary
/// writes `\=` and `\|` inside `context` values, and those belong to the string to sign.
/// One level of JSON writes them as `\\=`, which decodes to `\=` again.
///
/// ```
/// 'context=checksum=abc\\=\\=|key=x&public_id=a\u0026b'
/// ```
/// becomes `context=checksum=abc\=\=|key=x&public_id=a&b`, the `&` pointing at its backslash.
enum EscapeDecoder {
  /// What a decoding produced.
  struct Output {
    /// The decoded text.
    var text: DecodedText
    /// How many escapes were decoded.
    var escapeCount: Int
  }

  /// Decodes `range` of `view`.
  ///
  /// - Parameters:
  ///   - range: The text to decode: a string's content, or a bare message.
  ///   - view: The view that holds it.
  ///   - quote: The string's quote; a single quote also admits JavaScript's and Python's
  ///     `\x`, `\v`, `\0` and `\u{…}`.
  ///   - decodesEscapes: When `false`, only line breaks are joined.
  ///   - stripsMarkers: Whether a joined line loses its mail quote markers.
  static func decode(
    _ range: Range<Int>,
    of view: DecodedText,
    quote: UInt8?,
    decodesEscapes: Bool,
    stripsMarkers: Bool
  ) -> Output {
    var output = Output(
      text: DecodedText(endingAt: view.origin(of: range.upperBound)), escapeCount: 0)
    output.text.inheritJoinedBreaks(of: view)
    var copied = range.lowerBound
    var position = range.lowerBound
    while position < range.upperBound {
      let byte = view[position]
      if TextScan.isLineBreak(byte) {
        output.text.appendCopy(of: copied..<position, in: view)
        output.text.noteJoinedBreak(at: position, in: view)
        position = min(
          LineWrap.continuationStart(
            in: view, afterBreakAt: position, stripsMarkers: stripsMarkers),
          range.upperBound
        )
        copied = position
        continue
      }
      guard decodesEscapes, byte == UInt8(ascii: "\\"),
        let (decoded, length) = escape(in: view, at: position, end: range.upperBound, quote: quote)
      else {
        position += 1
        continue
      }
      output.text.appendCopy(of: copied..<position, in: view)
      output.text.append(decoded, decodedAt: position, in: view)
      output.escapeCount += 1
      position += length
      copied = position
    }
    output.text.appendCopy(of: copied..<range.upperBound, in: view)
    return output
  }

  /// Whether `range` holds an escape that only a string layer writes: `\"`, `\'`, `\\`,
  /// `\/` or `\u` with four hex digits. `\n` or `\t` alone prove nothing: a path in a value
  /// can hold them.
  static func hasLayerEscape(_ range: Range<Int>, in view: DecodedText) -> Bool {
    var position = range.lowerBound
    while position + 1 < range.upperBound {
      guard view[position] == UInt8(ascii: "\\") else {
        position += 1
        continue
      }
      switch view[position + 1] {
      case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"):
        return true
      case UInt8(ascii: "u")
      where hexValue(in: view, at: position + 2, digits: 4, end: range.upperBound) != nil:
        return true
      default:
        position += 2
      }
    }
    return false
  }
}

// MARK: - Escapes

private extension EscapeDecoder {
  /// The bytes an escape stands for, and how many bytes the escape takes.
  typealias Decoded = (bytes: [UInt8], length: Int)

  /// The bytes the escape at `index` stands for and its length, or `nil` for an escape the
  /// notation does not know.
  static func escape(in view: DecodedText, at index: Int, end: Int, quote: UInt8?) -> Decoded? {
    guard index + 1 < end else { return nil }
    let isScript = quote == UInt8(ascii: "'")
    switch view[index + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"):
      return ([view[index + 1]], 2)
    case UInt8(ascii: "n"): return ([0x0A], 2)
    case UInt8(ascii: "t"): return ([0x09], 2)
    case UInt8(ascii: "r"): return ([0x0D], 2)
    case UInt8(ascii: "b"): return ([0x08], 2)
    case UInt8(ascii: "f"): return ([0x0C], 2)
    case UInt8(ascii: "v") where isScript: return ([0x0B], 2)
    case UInt8(ascii: "0") where isScript: return ([0x00], 2)
    case UInt8(ascii: "x") where isScript:
      return hexValue(in: view, at: index + 2, digits: 2, end: end).map { (utf8(of: $0), 4) }
    case UInt8(ascii: "u"):
      if isScript, view.byte(at: index + 2) == UInt8(ascii: "{") {
        return bracedScalar(in: view, at: index, end: end)
      }
      return unicodeEscape(in: view, at: index, end: end)
    default:
      return nil
    }
  }

  /// `\u` and four hex digits, joined with a following low surrogate; a lone surrogate
  /// becomes U+FFFD.
  static func unicodeEscape(in view: DecodedText, at index: Int, end: Int) -> Decoded? {
    guard let high = hexValue(in: view, at: index + 2, digits: 4, end: end) else { return nil }
    if (0xD800...0xDBFF).contains(high), view.byte(at: index + 6) == UInt8(ascii: "\\"),
      view.byte(at: index + 7) == UInt8(ascii: "u"),
      let low = hexValue(in: view, at: index + 8, digits: 4, end: end),
      (0xDC00...0xDFFF).contains(low)
    {
      return (utf8(of: 0x10000 + (high - 0xD800) << 10 + (low - 0xDC00)), 12)
    }
    return (utf8(of: high), 6)
  }

  /// JavaScript's `\u{…}` with one to six hex digits.
  static func bracedScalar(in view: DecodedText, at index: Int, end: Int) -> Decoded? {
    var close = index + 3
    while close < end, close - index <= 9, TextScan.isHexDigit(view[close]) { close += 1 }
    guard close < end, view[close] == UInt8(ascii: "}"), close > index + 3,
      let value = UInt32(view.string(index + 3..<close), radix: 16)
    else { return nil }
    return (utf8(of: value), close + 1 - index)
  }

  /// The value of `digits` hex digits at `index`, all before `end`, or `nil`.
  static func hexValue(in view: DecodedText, at index: Int, digits: Int, end: Int) -> UInt32? {
    guard index + digits <= end else { return nil }
    var value: UInt32 = 0
    for position in index..<index + digits {
      let byte = view[position]
      guard TextScan.isHexDigit(byte) else { return nil }
      let digit =
        TextScan.isDigit(byte) ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The UTF-8 bytes of a code point; U+FFFD for a surrogate or a value past U+10FFFF.
  static func utf8(of value: UInt32) -> [UInt8] {
    Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
  }
}
