/// A copy of the input with Node's or Python's printing quirks turned into plain literal
/// syntax that `LiteralParser` reads, byte for byte the same length, so that every offset
/// still points into the original input.
///
/// For Node (`console.log`, `util.inspect`):
/// - a type tag before a map (`Object {`, `ClassName {`, `[Object: null prototype] {`) and a
///   `<ref *1>` marker become spaces;
/// - a placeholder such as `[Object]` where a member's value belongs becomes `'Object'`, and
///   is put back as the text `[Object]` once parsed (`LiteralParser` reads placeholders in
///   lists itself).
///
/// For Python (`repr`):
/// - `OrderedDict([('a', 1)])` becomes `{ 'a': 1 }` laid over the same bytes, and
///   `OrderedDict({'a': 1})` becomes the dict inside;
/// - a tuple `('a', 'b')` becomes a list `['a', 'b']`.
struct LiteralRewrite {
  /// The rewritten input, the same length as the original.
  private(set) var bytes: [UInt8]
  /// Placeholders read as strings, by the offset of their first byte, with their text.
  private(set) var placeholders: [Int: String] = [:]
  /// Remarks for the evidence.
  private(set) var notes: [String] = []
  /// Whether Node placeholders such as `[Object]` stand for values it did not print.
  private var hidesValues = false

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = Array(bytes)
  }

  /// Rewrites `range` of a Node dump.
  static func node(_ original: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> LiteralRewrite {
    var rewrite = LiteralRewrite(original)
    var tokens = LiteralTokenizer(original, range: range)
    var previous: LiteralTokenizer.Kind?
    while let token = tokens.next() {
      defer { previous = token.kind }
      switch token.kind {
      case .punctuation(UInt8(ascii: "[")):
        guard let end = tokens.placeholderEnd(at: token.range.lowerBound) else { continue }
        tokens.position = end
        let span = token.range.lowerBound..<end
        if tokens.peek()?.kind == .punctuation(UInt8(ascii: "{")) {
          rewrite.blank(span)
          continue
        }
        rewrite.hidesValues = true
        if previous == .punctuation(UInt8(ascii: ":")),
          !original[span].contains(UInt8(ascii: "'")), !original[span].contains(UInt8(ascii: "\\"))
        {
          rewrite.bytes[span.lowerBound] = UInt8(ascii: "'")
          rewrite.bytes[span.upperBound - 1] = UInt8(ascii: "'")
          rewrite.placeholders[span.lowerBound] = tokens.text(span)
        }
      case .punctuation(UInt8(ascii: "<")):
        let cursor = ByteCursor(original, range: range)
        guard cursor.hasPrefix("<ref *", at: token.range.lowerBound),
          let close = cursor.firstIndexOnLine(of: UInt8(ascii: ">"), from: token.range.lowerBound)
        else { continue }
        rewrite.blank(token.range.lowerBound..<close + 1)
        tokens.position = close + 1
      case .word where tokens.peek()?.kind == .punctuation(UInt8(ascii: "{")):
        rewrite.blank(token.range)
      default:
        break
      }
    }
    if rewrite.hidesValues {
      rewrite.notes.append(
        "console.log showed some nested values only as placeholders such as "
          + "[Object]; print them with util.inspect(params, { depth: null }) to see them")
    }
    return rewrite
  }

  /// Rewrites `range` of a Python `repr`.
  static func python(_ original: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> LiteralRewrite
  {
    /// What an open bracket is.
    enum Frame {
      /// `(` of a tuple, now `[`.
      case tuple
      /// `(` after `OrderedDict`, now a space.
      case orderedDict
      /// `[` of an `OrderedDict`'s pairs, now `{`.
      case pairs
      /// `(` of one pair, now a space; `hasColon` once its first `,` became `:`.
      case pair(hasColon: Bool)
      /// `(` of an empty `OrderedDict()`, now `{`.
      case emptyOrderedDict
      /// `[` or `{`, unchanged.
      case other
    }

    var rewrite = LiteralRewrite(original)
    var tokens = LiteralTokenizer(original, range: range)
    var stack: [Frame] = []
    var previous: LiteralTokenizer.Token?
    var hasTuples = false
    while let token = tokens.next() {
      defer { previous = token }
      let offset = token.range.lowerBound
      switch token.kind {
      case .punctuation(UInt8(ascii: "(")):
        if let previous, previous.kind == .word, previous.range.upperBound == offset,
          tokens.text(previous.range) == "OrderedDict"
        {
          rewrite.blank(previous.range)
          let next = tokens.peek()?.kind
          if next == .punctuation(UInt8(ascii: ")")) {
            rewrite.bytes[offset] = UInt8(ascii: "{")
            stack.append(.emptyOrderedDict)
            continue
          }
          rewrite.bytes[offset] = 0x20
          stack.append(.orderedDict)
        } else if case .pairs? = stack.last {
          rewrite.bytes[offset] = 0x20
          stack.append(.pair(hasColon: false))
        } else {
          rewrite.bytes[offset] = UInt8(ascii: "[")
          stack.append(.tuple)
          hasTuples = true
        }
      case .punctuation(UInt8(ascii: ")")):
        switch stack.popLast() {
        case .tuple?: rewrite.bytes[offset] = UInt8(ascii: "]")
        case .pair?, .orderedDict?: rewrite.bytes[offset] = 0x20
        case .emptyOrderedDict?: rewrite.bytes[offset] = UInt8(ascii: "}")
        case let frame?: stack.append(frame)
        case nil: break
        }
      case .punctuation(UInt8(ascii: "[")):
        if case .orderedDict? = stack.last, previous.map({ tokens.text($0.range) }) == "(" {
          rewrite.bytes[offset] = UInt8(ascii: "{")
          stack.append(.pairs)
        } else {
          stack.append(.other)
        }
      case .punctuation(UInt8(ascii: "{")):
        stack.append(.other)
      case .punctuation(UInt8(ascii: "]")), .punctuation(UInt8(ascii: "}")):
        switch stack.popLast() {
        case .pairs?: rewrite.bytes[offset] = UInt8(ascii: "}")
        case .other?, nil: break
        case let frame?: stack.append(frame)
        }
      case .punctuation(UInt8(ascii: ",")):
        if case .pair(hasColon: false)? = stack.last {
          rewrite.bytes[offset] = UInt8(ascii: ":")
          stack[stack.count - 1] = .pair(hasColon: true)
        }
      default:
        break
      }
    }
    if hasTuples { rewrite.notes.append("read Python tuples as lists") }
    return rewrite
  }

  /// Puts the placeholders read as strings back as the text Node printed, in the members
  /// of `parameters` and below.
  func restorePlaceholders(in parameters: [Parameter]) -> [Parameter] {
    guard !placeholders.isEmpty else { return parameters }
    return parameters.map { parameter in
      var parameter = parameter
      if let start = parameter.valueSpan?.lowerBound, let text = placeholders[start],
        case .string = parameter.value
      {
        parameter.value = .string(text)
      } else {
        parameter.value = restorePlaceholders(in: parameter.value)
      }
      return parameter
    }
  }

  private func restorePlaceholders(in value: ParameterValue) -> ParameterValue {
    switch value {
    case .map(let members): .map(restorePlaceholders(in: members))
    case .list(let elements): .list(elements.map(restorePlaceholders(in:)))
    default: value
    }
  }

  private mutating func blank(_ range: Range<Int>) {
    for index in range { bytes[index] = 0x20 }
  }
}
