/// Reads a form body or a query string into parameters, as the upload server reads it.
///
/// ```
/// folder=avatars&tags%5B%5D=a&tags%5B%5D=b&data%5Bfolder%5D=x
/// ```
/// becomes `folder: .string("avatars"), tags: .list([.string("a"), .string("b")]),
/// data: .map([folder: .string("x")])`.
///
/// - A leading `?`, or a URL before the `?`, is skipped, and so is a `#` fragment after it.
/// - Pairs are separated by `&` or a line break; a pair without `=` has an empty value.
/// - Keys and values are percent-decoded, and `+` is read as a space, in a query string as
///   in a form body, since that is how the server reads both.
/// - Brackets in a key nest, as Rack and PHP read them: `a[b]=` puts `b` in a map under
///   `a`, `a[]=` appends to a list, `a[0]=` puts the key `0` in a map, and
///   `a[][b]=1&a[][c]=2` fills one map in the list until a key repeats.
/// - Values stay text: a form carries no numbers or booleans.
/// - A plain key given twice is kept twice, in order, so that it can be reported.
struct FormBodyReader {
  /// One step of a key's path: `name`, `[member]` or `[]`.
  fileprivate enum Segment {
    case member(String, keyBytes: [UInt8], span: Range<Int>)
    case append
  }

  /// A value as a server would hold it, before it becomes a `ParameterValue`.
  fileprivate enum Node {
    case text(String, span: Range<Int>)
    case list([Node])
    case map(Members)
  }

  /// A map's members, with an index of the last member under each key.
  fileprivate struct Members {
    var entries: [(key: String, keySpan: Range<Int>, valueSpan: Range<Int>, node: Node)] = []
    /// Keys compare by code point, so they are indexed by their UTF-8 bytes.
    var lastIndex: [[UInt8]: Int] = [:]
  }

  private let cursor: ByteCursor
  private let maximumDepth: Int

  /// Reads the pairs in `range` and says how they were decoded.
  ///
  /// - Throws: `LiteralFailure` at a `%` without two hexadecimal digits, at escapes that do
  ///   not decode to UTF-8, at a key without a name or with an unclosed `[`, or where
  ///   brackets nest deeper than `maximumDepth`.
  static func parameters(
    of bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    maximumDepth: Int
  ) throws(LiteralFailure) -> (parameters: [Parameter], notes: [String]) {
    let reader = FormBodyReader(cursor: ByteCursor(bytes, range: range), maximumDepth: maximumDepth)
    let query = queryStart(of: bytes, in: range)
    var pairsRange = (query ?? range.lowerBound)..<range.upperBound
    if query != nil,
      let hash = reader.cursor.firstIndex(of: UInt8(ascii: "#"), from: pairsRange.lowerBound)
    {
      pairsRange = pairsRange.lowerBound..<hash
    }

    var root = Members()
    var start = pairsRange.lowerBound
    while start <= pairsRange.upperBound {
      var end = start
      while end < pairsRange.upperBound, !Self.isSeparator(bytes[end]) { end += 1 }
      if end > start { try reader.readPair(start..<end, into: &root) }
      start = end + 1
    }

    var notes = ["URL-decoded from " + (query == nil ? "a form body" : "a query string")]
    if let query, query - 1 > range.lowerBound {
      notes.append("skipped '\(reader.cursor.text(range.lowerBound..<query - 1))' before '?'")
    }
    let plus = reader.cursor.firstIndex(
      of: UInt8(ascii: "+"), from: pairsRange.lowerBound, before: pairsRange.upperBound)
    if plus != nil {
      notes.append("read '+' as a space, as the server does")
    }
    return (root.parameters, notes)
  }

  /// Where the pairs of a query string start, when `range` starts with `?` or with a URL
  /// (text without `=`, `&` or white space) followed by `?`.
  static func queryStart(of bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
    var index = range.lowerBound
    while index < range.upperBound {
      switch bytes[index] {
      case UInt8(ascii: "?"): return index + 1
      case UInt8(ascii: "="), UInt8(ascii: "&"), 0x20, 0x09, 0x0A, 0x0D: return nil
      default: index += 1
      }
    }
    return nil
  }

  static func isSeparator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == 0x0A || byte == 0x0D
  }
}

private extension FormBodyReader {
  /// Reads one `key=value` pair into `root`.
  func readPair(_ pair: Range<Int>, into root: inout Members) throws(LiteralFailure) {
    let equals = cursor.firstIndex(
      of: UInt8(ascii: "="), from: pair.lowerBound, before: pair.upperBound)
    let keyRange = pair.lowerBound..<(equals ?? pair.upperBound)
    let valueRange = equals.map { $0 + 1..<pair.upperBound } ?? pair.upperBound..<pair.upperBound
    guard !keyRange.isEmpty else {
      throw LiteralFailure.syntax("expected a parameter name before '='", at: pair.lowerBound)
    }
    let key = try decode(keyRange)
    let value = try decode(valueRange)
    var path = try segments(of: key, range: keyRange)
    guard case .member(let name, let nameBytes, let nameSpan) = path.removeFirst() else { return }
    let leaf = Node.text(String(decoding: value.bytes, as: UTF8.self), span: valueRange)
    root.insert(name, keyBytes: nameBytes, keySpan: nameSpan, path: path[...], leaf: leaf)
  }

  /// Percent-decodes `range`, with `+` as a space, keeping the input offset of each byte.
  func decode(_ range: Range<Int>) throws(LiteralFailure) -> (bytes: [UInt8], origins: [Int]) {
    var bytes: [UInt8] = []
    var origins: [Int] = []
    bytes.reserveCapacity(range.count)
    origins.reserveCapacity(range.count)
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = cursor.bytes[index]
      origins.append(index)
      switch byte {
      case UInt8(ascii: "%"):
        guard index + 2 < range.upperBound,
          let high = ByteCursor.hexValue(cursor.bytes[index + 1]),
          let low = ByteCursor.hexValue(cursor.bytes[index + 2])
        else {
          throw LiteralFailure.syntax(
            "expected two hexadecimal digits after '%', found "
              + escapeText(at: index, limit: range.upperBound), at: index)
        }
        bytes.append(high << 4 | low)
        index += 3
      case UInt8(ascii: "+"):
        bytes.append(0x20)
        index += 1
      default:
        bytes.append(byte)
        index += 1
      }
    }
    if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
      throw LiteralFailure.syntax(
        "expected percent-escapes that decode to UTF-8 text, found "
          + escapeText(at: origins[bad], limit: range.upperBound), at: origins[bad])
    }
    return (bytes, origins)
  }

  /// The escape at `offset` as written, quoted for messages: `%` and up to two more
  /// characters.
  func escapeText(at offset: Int, limit: Int) -> String {
    var end = offset + 1
    var count = 0
    while end < limit, count < 2, cursor.bytes[end] != UInt8(ascii: "%") {
      end += 1
      while end < limit, cursor.bytes[end] & 0xC0 == 0x80 { end += 1 }
      count += 1
    }
    return "'\(cursor.text(offset..<end))'"
  }

  /// Splits a decoded key into its name and bracketed segments.
  func segments(
    of key: (bytes: [UInt8], origins: [Int]),
    range: Range<Int>
  ) throws(LiteralFailure) -> [Segment] {
    let bytes = key.bytes
    let origin = { (index: Int) in index < key.origins.count ? key.origins[index] : range.upperBound
    }
    let keyText = String(decoding: bytes, as: UTF8.self)
    let nameEnd = bytes.firstIndex(of: UInt8(ascii: "[")) ?? bytes.count
    guard nameEnd > 0 else {
      throw LiteralFailure.syntax(
        "expected a parameter name before '[' in the key '\(keyText)'", at: range.lowerBound)
    }
    var path: [Segment] = [
      .member(
        String(decoding: bytes[..<nameEnd], as: UTF8.self), keyBytes: Array(bytes[..<nameEnd]),
        span: origin(0)..<origin(nameEnd))
    ]
    var index = nameEnd
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: "[") else {
        throw LiteralFailure.syntax(
          "expected '[' or '=' after ']' in the key '\(keyText)'", at: origin(index))
      }
      guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else {
        throw LiteralFailure.syntax(
          "expected ']' to close '[' in the key '\(keyText)'", at: origin(index))
      }
      guard path.count < maximumDepth else {
        throw LiteralFailure(offset: origin(index), problem: .tooDeep(limit: maximumDepth))
      }
      let inner = bytes[index + 1..<close]
      path.append(
        inner.isEmpty
          ? .append
          : .member(
            String(decoding: inner, as: UTF8.self), keyBytes: Array(inner),
            span: origin(index + 1)..<origin(close)))
      index = close + 1
    }
    return path
  }
}

// MARK: - Building the tree

private extension FormBodyReader.Members {
  /// Puts `leaf` under `key`, following `path` below it.
  ///
  /// A key whose last member cannot take the path (a text where a map is needed, say) gets
  /// a second member, as a plain key given twice does.
  mutating func insert(
    _ key: String,
    keyBytes: [UInt8],
    keySpan: Range<Int>,
    path: ArraySlice<FormBodyReader.Segment>,
    leaf: FormBodyReader.Node
  ) {
    if let first = path.first, let index = lastIndex[keyBytes], entries[index].node.accepts(first) {
      entries[index].node.insert(path, leaf: leaf)
      return
    }
    var node = leaf
    if let first = path.first {
      node = .empty(for: first)
      node.insert(path, leaf: leaf)
    }
    lastIndex[keyBytes] = entries.count
    entries.append((key, keySpan, leaf.span, node))
  }

  /// Whether a member with this key exists.
  func contains(_ keyBytes: [UInt8]) -> Bool {
    lastIndex[keyBytes] != nil
  }

  /// The members as parameters.
  var parameters: [Parameter] {
    entries.map { Parameter($0.key, $0.node.value, keySpan: $0.keySpan, valueSpan: $0.valueSpan) }
  }
}

private extension FormBodyReader.Node {
  /// An empty container of the kind `segment` steps into.
  static func empty(for segment: FormBodyReader.Segment) -> Self {
    switch segment {
    case .member: .map(FormBodyReader.Members())
    case .append: .list([])
    }
  }

  /// Whether `segment` can step into this node.
  func accepts(_ segment: FormBodyReader.Segment) -> Bool {
    switch (self, segment) {
    case (.map, .member), (.list, .append): true
    default: false
    }
  }

  /// Puts `leaf` at the end of `path`, whose first segment this node accepts.
  mutating func insert(_ path: ArraySlice<FormBodyReader.Segment>, leaf: Self) {
    // NB: the payload is moved out and the node emptied before the payload changes, so that
    // the payload's storage is not shared and is changed in place rather than copied.
    guard let first = path.first else { return }
    switch self {
    case .map(var members):
      guard case .member(let key, let keyBytes, let span) = first else { return }
      self = .list([])
      members.insert(key, keyBytes: keyBytes, keySpan: span, path: path.dropFirst(), leaf: leaf)
      self = .map(members)
    case .list(var elements):
      guard case .append = first else { return }
      self = .list([])
      let rest = path.dropFirst()
      if Self.canMerge(rest.first, into: elements.last) {
        elements[elements.count - 1].insert(rest, leaf: leaf)
      } else if let next = rest.first {
        var node = Self.empty(for: next)
        node.insert(rest, leaf: leaf)
        elements.append(node)
      } else {
        elements.append(leaf)
      }
      self = .list(elements)
    case .text:
      break
    }
  }

  /// Whether `a[][key]=` may add to the list's last map: it may while that map lacks the
  /// key, as Rack decides.
  static func canMerge(_ segment: FormBodyReader.Segment?, into last: Self?) -> Bool {
    // NB: a separate function, so that no copy of the last map outlives the check and
    // forces the insertion that follows to copy the map.
    guard case .member(_, let keyBytes, _)? = segment, case .map(let members)? = last else {
      return false
    }
    return !members.contains(keyBytes)
  }

  /// Where a leaf's value stands in the input. A member that holds a container is given
  /// the span of the value that created it.
  var span: Range<Int> {
    if case .text(_, let span) = self { return span }
    return 0..<0
  }

  /// The node as a parameter value.
  var value: ParameterValue {
    switch self {
    case .text(let text, _): .string(text)
    case .list(let elements): .list(elements.map(\.value))
    case .map(let members): .map(members.parameters)
    }
  }
}
