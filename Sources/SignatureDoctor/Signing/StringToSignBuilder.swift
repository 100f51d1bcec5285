/// Writes the string to sign while a map of parameters is read, without building the map.
///
/// This is where the canonical form's rules live (see `StringToSign`). `LiteralParser`
/// drives it straight from JSON text, which is what lets `sign --jsonl` avoid a tree per
/// line; `StringToSign.init(_:options:)` drives it from parameters already parsed. Either
/// way the same rules apply.
struct StringToSignBuilder: LiteralHandler {
  /// A key that appeared twice.
  struct RepeatedKey: Equatable {
    let key: String
    let firstSpan: Range<Int>
    let secondSpan: Range<Int>
  }

  /// What the builder is doing with the current member.
  private enum Mode {
    /// Between members: a key comes next.
    case idle
    /// A key has been read; its value comes next.
    case awaitingValue
    /// The key is left out of the string, and so is everything in its value.
    case skipping
    /// Inside the member's list, with the number of elements so far.
    case inList(count: Int)
    /// Just inside a map that is the member's value while nesting is refused: if it closes
    /// empty it is left out, as an empty list is; a key in it is refused.
    case inEmptyMap(opening: Int)
    /// Inside a nested value that is collected whole, to be written as the server writes
    /// it. It ends when a close brings `depth` back to `depth`; `listCount` is set when it
    /// is an element of the member's list. Boxed, so that the other cases, which every
    /// value of every line passes through, stay small to copy.
    indirect case collecting(ValueTreeBuilder, depth: Int, listCount: Int?)
  }

  /// How the string is built.
  let options: SigningOptions
  private var pairs = PairBuffer()
  private var mode = Mode.idle
  /// How many maps and lists are open.
  private var depth = 0
  /// Every key read so far: its bytes in `keyBytes`, where it was, and the index of its
  /// pair in `pairs`, if it made one.
  private var keyBytes: [UInt8] = []
  private var keys: [(bytes: Range<Int>, span: Range<Int>, pair: Int?)] = []
  /// The keys by their bytes, built once there are too many for a linear search.
  private var keyTable = KeyTable()
  /// Where the current member's value starts, for messages.
  private var valueStart = 0
  /// The first key that repeated, if any.
  private(set) var repeatedKey: RepeatedKey?
  /// The signing problem behind a thrown `LiteralFailure`, if one was thrown.
  private(set) var signingError: SigningError?

  /// Prepares a builder for a map of parameters.
  init(options: SigningOptions) {
    self.options = options
  }

  /// The string to sign, once the map has ended.
  func finish() -> StringToSign {
    StringToSign(pairBytes: pairs.bytes, ranges: pairs.sortedRanges())
  }

  /// Writes the string to sign, once the map has ended, over `bytes`, reusing its
  /// capacity and that of `order`: what `sign --jsonl` does for each of millions of lines.
  func finish(into bytes: inout [UInt8], order: inout [Range<Int>]) {
    pairs.sortRanges(into: &order)
    bytes.removeAll(keepingCapacity: true)
    pairs.bytes.withUnsafeBufferPointer { source in
      for (index, range) in order.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: "&")) }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range]))
      }
    }
  }

  /// Forgets everything read, keeping the buffers' capacity for the next map.
  mutating func reset() {
    pairs.reset()
    mode = .idle
    depth = 0
    keyBytes.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
    keyTable.removeAll()
    valueStart = 0
    repeatedKey = nil
    signingError = nil
  }

  // MARK: - LiteralHandler

  mutating func beginMap(at offset: Int) throws(LiteralFailure) {
    defer { depth += 1 }
    guard depth > 0 else { return }
    try open(at: offset, kind: "a map") { $0.beginMap(at: offset) }
  }

  mutating func beginList(at offset: Int) throws(LiteralFailure) {
    guard depth > 0 else { throw notAMap("a list", at: offset) }
    defer { depth += 1 }
    if case .awaitingValue = mode {
      valueStart = offset
      mode = .inList(count: 0)
      return
    }
    try open(at: offset, kind: "a list") { $0.beginList(at: offset) }
  }

  mutating func endMap(at end: Int) throws(LiteralFailure) {
    depth -= 1
    try close { $0.endMap(at: end) }
  }

  mutating func endList(at end: Int) throws(LiteralFailure) {
    depth -= 1
    if case .inList(let count) = mode, depth == 1 {
      return count == 0 ? dropPair() : finishPair()
    }
    try close { $0.endList(at: end) }
  }

  mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure) {
    if case .inEmptyMap(let opening) = mode { throw nestedMapFailure(opening: opening) }
    guard depth == 1 else {
      if case .collecting(var tree, let start, let listCount) = mode {
        mode = .idle
        tree.key(bytes, span: span)
        mode = .collecting(tree, depth: start, listCount: listCount)
      }
      return
    }
    recordKey(bytes, span: span)
    guard options.signsAllKeys || !SigningOptions.isExcluded(bytes) else {
      mode = .skipping
      return
    }
    pairs.begin()
    pairs.append(bytes, escapingAmpersands: escapes)
    pairs.append(UInt8(ascii: "="))
    mode = .awaitingValue
  }

  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure) {
    try scalar(.text(bytes), span: span) { $0.string(bytes, span: span) }
  }

  mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) throws(LiteralFailure) {
    try scalar(.raw(bytes), span: span) { $0.number(bytes, span: span) }
  }

  mutating func constant(_ value: ParameterValue, span: Range<Int>) throws(LiteralFailure) {
    let rendering: Scalar =
      switch value {
      case .boolean(let flag, _): .word(flag ? "true" : "false")
      case .number(let text): .word(text)
      default: .null
      }
    try scalar(rendering, span: span) { $0.constant(value, span: span) }
  }
}

// MARK: - Members

private extension StringToSignBuilder {
  /// A plain value as the string to sign writes it.
  enum Scalar {
    /// Text, whose `&` version 2 escapes; an empty one is left out.
    case text(UnsafeBufferPointer<UInt8>)
    /// A number's text.
    case raw(UnsafeBufferPointer<UInt8>)
    /// A fixed spelling: `true`, `false`, `NaN`.
    case word(String)
    /// Nothing: the pair is left out.
    case null
  }

  var escapes: Bool { options.version >= .v2 }

  mutating func scalar(
    _ value: Scalar,
    span: Range<Int>,
    collect: (inout ValueTreeBuilder) -> Void
  ) throws(LiteralFailure) {
    switch mode {
    case _ where depth == 0:
      throw notAMap(value.kindDescription, at: span.lowerBound)
    case .awaitingValue:
      valueStart = span.lowerBound
      switch value {
      case .text(let bytes) where bytes.isEmpty: dropPair()
      case .null: dropPair()
      default:
        append(value)
        finishPair()
      }
    case .inList(let count):
      if case .null = value, options.nestedValues == .reject {
        throw signingFailure(
          .nullInList(key: currentKey, position: count + 1, span: valueSpan(to: span.upperBound))
        )
      }
      if count > 0 { pairs.append(UInt8(ascii: ",")) }
      append(value)
      mode = .inList(count: count + 1)
    case .skipping:
      if depth == 1 { mode = .idle }
    case .collecting(var tree, let start, let listCount):
      mode = .idle
      collect(&tree)
      mode = .collecting(tree, depth: start, listCount: listCount)
    case .inEmptyMap(let opening):
      throw nestedMapFailure(opening: opening)
    case .idle:
      break
    }
  }

  mutating func append(_ value: Scalar) {
    switch value {
    case .text(let bytes), .raw(let bytes): pairs.append(bytes, escapingAmpersands: escapes)
    case .word(let word): pairs.append(word)
    case .null: break
    }
  }

  /// A map or list opens below the top level: as a member's value, inside the member's
  /// list, inside a collected value, or inside a skipped one.
  mutating func open(
    at offset: Int,
    kind: String,
    _ event: (inout ValueTreeBuilder) -> Void
  ) throws(LiteralFailure) {
    switch mode {
    case .awaitingValue, .inList:
      var listCount: Int?
      if case .inList(let count) = mode { listCount = count } else { valueStart = offset }
      // NB: a list as the member's value never comes here (see `beginList`), so this is a
      // map; whether it may be left out is known when it closes or its first key comes.
      if listCount == nil, options.nestedValues == .reject {
        mode = .inEmptyMap(opening: offset)
        return
      }
      guard options.nestedValues == .renderLikeServer else {
        let described = listCount == nil ? kind : "a list holding \(kind)"
        throw signingFailure(.nestedValue(key: currentKey, kind: described, span: valueSpan(to: offset + 1)))
      }
      var tree = ValueTreeBuilder()
      event(&tree)
      mode = .collecting(tree, depth: depth, listCount: listCount)
    case .collecting(var tree, let start, let listCount):
      mode = .idle
      event(&tree)
      mode = .collecting(tree, depth: start, listCount: listCount)
    case .inEmptyMap(let opening):
      throw nestedMapFailure(opening: opening)
    case .skipping, .idle:
      break
    }
  }

  /// The refusal of a map that holds something, opened at `opening`.
  mutating func nestedMapFailure(opening: Int) -> LiteralFailure {
    signingFailure(.nestedValue(key: currentKey, kind: "a map", span: valueSpan(to: opening + 1)))
  }

  /// A map or list closes below the top level.
  mutating func close(_ event: (inout ValueTreeBuilder) -> Void) throws(LiteralFailure) {
    switch mode {
    case .skipping where depth == 1:
      mode = .idle
    case .inEmptyMap:
      dropPair()
    case .collecting(var tree, let start, let listCount):
      mode = .idle
      event(&tree)
      guard depth == start, let value = tree.value else {
        mode = .collecting(tree, depth: start, listCount: listCount)
        return
      }
      // NB: an empty map as the member's value is left out, as pycloudinary leaves out
      // `{}` and as a form body cannot carry one.
      if listCount == nil, case .map(let members) = value, members.isEmpty { return dropPair() }
      if let listCount, listCount > 0 { pairs.append(UInt8(ascii: ",")) }
      pairs.append(RubyInspection.render(value), escapingAmpersands: escapes)
      if let listCount {
        mode = .inList(count: listCount + 1)
      } else {
        finishPair()
      }
    default:
      break
    }
  }

  mutating func finishPair() {
    pairs.end()
    keys[keys.count - 1].pair = pairs.ranges.count - 1
    mode = .idle
  }

  mutating func dropPair() {
    pairs.discard()
    mode = .idle
  }

  /// Notes a key, and forgets the pair of an earlier key with the same code points: the
  /// last value wins, as in a Python dict.
  mutating func recordKey(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) {
    let start = keyBytes.count
    keyBytes.append(contentsOf: bytes)
    keys.append((start..<keyBytes.count, span, nil))
    guard let earlier = earlierKey(sameAs: keys.count - 1) else { return }
    if repeatedKey == nil {
      let key = String(decoding: bytes, as: UTF8.self)
      repeatedKey = RepeatedKey(key: key, firstSpan: keys[earlier].span, secondSpan: span)
    }
    if let pair = keys[earlier].pair { pairs.remove(pair) }
    keys[earlier].pair = nil
  }

  /// The latest key before key `index` with the same bytes, if any.
  ///
  /// A request has a dozen keys, which a linear search compares fastest; past
  /// `KeyTable.linearSearchLimit` keys, a hash table keeps the cost of each key constant.
  mutating func earlierKey(sameAs index: Int) -> Int? {
    let range = keys[index].bytes
    guard index >= KeyTable.linearSearchLimit else {
      return keys[..<index].lastIndex { earlier in
        earlier.bytes.count == range.count && keyBytes[earlier.bytes].elementsEqual(keyBytes[range])
      }
    }
    if keyTable.isEmpty {
      for earlier in 0..<index { _ = keyTable.insert(earlier, keys: keys, bytes: keyBytes) }
    }
    return keyTable.insert(index, keys: keys, bytes: keyBytes)
  }

  var currentKey: String {
    keys.last.map { String(decoding: keyBytes[$0.bytes], as: UTF8.self) } ?? ""
  }

  func valueSpan(to end: Int) -> Range<Int> {
    valueStart..<max(end, valueStart + 1)
  }

  mutating func signingFailure(_ error: SigningError) -> LiteralFailure {
    signingError = error
    return LiteralFailure(offset: error.span?.lowerBound ?? valueStart, problem: .unusable(error.message))
  }

  func notAMap(_ kind: String, at offset: Int) -> LiteralFailure {
    LiteralFailure(offset: offset, problem: .unusable("expected a JSON object of parameters, found \(kind)"))
  }
}

private extension StringToSignBuilder.Scalar {
  var kindDescription: String {
    switch self {
    case .text: "a string"
    case .raw: "a number"
    case .word(let word): word == "true" || word == "false" ? "a boolean" : "a number"
    case .null: "null"
    }
  }
}
