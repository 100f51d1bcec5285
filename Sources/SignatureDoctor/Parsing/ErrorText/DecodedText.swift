/// Bytes decoded from a paste, each remembering the offset in the text below it that it came
/// from.
///
/// Decoding an HTML entity, a string escape or a wrapped line turns several bytes into one,
/// or into none. The origins follow in runs rather than one offset per byte, so a view of a
/// 16 MiB paste with no escapes costs a single run. A view is built from another view, and
/// its origins point through that view to the text at the bottom, so they compose however
/// many layers are peeled.
///
/// ```
/// {"message":"a\u0026b"}   content view of the string: a&b
///                          origins: a → 12, & → 13 (the backslash), b → 19
/// ```
struct DecodedText {
  /// A stretch of decoded bytes whose origins follow one rule.
  struct Run {
    /// The first decoded byte of the run.
    var start: Int
    /// The origin of that byte.
    var origin: Int
    /// Whether each next byte comes from the next byte below (copied text), rather than
    /// from the same place (the bytes one escape decodes to).
    var advances: Bool
  }

  /// The decoded bytes.
  private(set) var bytes: [UInt8]
  /// The runs, in order of `start`; the first starts at 0 when there are bytes.
  private(set) var runs: [Run]
  /// The origin of the position just past the last byte: where the view ends below.
  var endOrigin: Int
  /// The origins of the line breaks removed to join wrapped lines.
  private(set) var joinedBreaks: [Int] = []

  /// A view that is the bottom text itself: every byte is its own origin.
  init(identity bytes: [UInt8]) {
    self.bytes = bytes
    self.runs = [Run(start: 0, origin: 0, advances: true)]
    self.endOrigin = bytes.count
  }

  /// An empty view, to be filled with `append` calls, that ends at `endOrigin` below.
  init(endingAt endOrigin: Int) {
    self.bytes = []
    self.runs = []
    self.endOrigin = endOrigin
  }

  /// The number of bytes.
  var count: Int { bytes.count }

  /// The byte at `index`.
  subscript(index: Int) -> UInt8 { bytes[index] }

  /// The byte at `index`, or `nil` past either end.
  func byte(at index: Int) -> UInt8? {
    index >= 0 && index < bytes.count ? bytes[index] : nil
  }

  /// The origin of byte `index`; `count` gives `endOrigin`.
  func origin(of index: Int) -> Int {
    guard index < bytes.count, !runs.isEmpty else { return endOrigin }
    let run = runs[runIndex(containing: index)]
    return run.advances ? run.origin + (index - run.start) : run.origin
  }

  /// Whether byte `index` was decoded from an escape or an entity, rather than copied.
  func isDecoded(_ index: Int) -> Bool {
    guard index >= 0, index < bytes.count, !runs.isEmpty else { return false }
    return !runs[runIndex(containing: index)].advances
  }

  /// The indices where a stretch of decoded bytes starts, in order.
  var decodedStarts: [Int] {
    runs.filter { !$0.advances }.map(\.start)
  }

  /// The text of `range`, with lossy decoding; for names and numbers, not for evidence.
  func string(_ range: Range<Int>) -> String {
    String(decoding: bytes[clamped(range)], as: UTF8.self)
  }
}

// MARK: - Building

extension DecodedText {
  /// Appends the bytes `range` of `parent`, keeping their origins below `parent`.
  mutating func appendCopy(of range: Range<Int>, in parent: DecodedText) {
    guard !range.isEmpty else { return }
    bytes.append(contentsOf: parent.bytes[range])
    var runIndex = parent.runIndex(containing: range.lowerBound)
    var position = range.lowerBound
    while position < range.upperBound {
      let run = parent.runs[runIndex]
      let runEnd = runIndex + 1 < parent.runs.count ? parent.runs[runIndex + 1].start : parent.count
      let pieceEnd = min(runEnd, range.upperBound)
      let origin = run.advances ? run.origin + (position - run.start) : run.origin
      addRun(
        start: bytes.count - (range.upperBound - position), origin: origin, advances: run.advances)
      position = pieceEnd
      runIndex += 1
    }
  }

  /// Appends `decoded`, every byte of which came from byte `index` of `parent` (the start
  /// of an escape or an entity).
  mutating func append(
    _ decoded: some Collection<UInt8>, decodedAt index: Int, in parent: DecodedText
  ) {
    guard !decoded.isEmpty else { return }
    addRun(start: bytes.count, origin: parent.origin(of: index), advances: false)
    bytes.append(contentsOf: decoded)
  }

  /// A view of the text with each span `match` finds at an occurrence of `trigger` replaced
  /// by the bytes it gives, which take the origin of the span's first byte; `nil` when it
  /// finds none. Entities and terminal escapes are each one such layer.
  func replacingSpans(
    startingWith trigger: UInt8,
    _ match: (Int) -> (length: Int, replacement: [UInt8])?
  ) -> DecodedText? {
    var view = DecodedText(endingAt: endOrigin)
    view.inheritJoinedBreaks(of: self)
    var isReplaced = false
    var copied = 0
    var position = 0
    while let found = ByteSearch.firstIndex(of: [trigger], in: bytes, from: position) {
      guard let (length, replacement) = match(found) else {
        position = found + 1
        continue
      }
      view.appendCopy(of: copied..<found, in: self)
      view.append(replacement, decodedAt: found, in: self)
      isReplaced = true
      position = found + length
      copied = position
    }
    guard isReplaced else { return nil }
    view.appendCopy(of: copied..<count, in: self)
    return view
  }

  /// Records that the line break at byte `index` of `parent` was removed to join two lines.
  mutating func noteJoinedBreak(at index: Int, in parent: DecodedText) {
    joinedBreaks.append(parent.origin(of: index))
  }

  /// Records the joined breaks `parent` itself recorded, so that they stay visible from the
  /// views built on it.
  mutating func inheritJoinedBreaks(of parent: DecodedText) {
    joinedBreaks.append(contentsOf: parent.joinedBreaks)
  }

  /// Adds a run unless it merely continues the last one.
  private mutating func addRun(start: Int, origin: Int, advances: Bool) {
    if let last = runs.last, last.advances == advances {
      let expected = advances ? last.origin + (start - last.start) : last.origin
      if expected == origin { return }
    }
    runs.append(Run(start: start, origin: origin, advances: advances))
  }
}

// MARK: - Reading out

extension DecodedText {
  /// The text of `range` with the origins of its bytes, translated through `bottom`: the
  /// view whose origins are offsets in the paste itself.
  ///
  /// Every view sigdoc builds holds valid UTF-8 cut at character boundaries; should a range
  /// ever split a character, each stray byte becomes U+FFFD with that byte's origin, so the
  /// text and its origins stay the same length.
  func mappedText(_ range: Range<Int>, through bottom: DecodedText) -> MappedText {
    let range = clamped(range)
    var origins: [Int] = []
    origins.reserveCapacity(range.count)
    for index in range {
      origins.append(bottom.origin(of: origin(of: index)))
    }
    let slice = Array(bytes[range])
    if let text = String(validating: slice, as: UTF8.self) {
      return MappedText(text: text, origins: origins)
    }
    return Self.repaired(slice, origins: origins)
  }

  /// `bytes` with each byte that breaks UTF-8 replaced by U+FFFD.
  private static func repaired(_ bytes: [UInt8], origins: [Int]) -> MappedText {
    var output: [UInt8] = []
    var outputOrigins: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        let rest = UnsafeBufferPointer(rebasing: buffer[start...])
        let valid = UTF8Validation.firstInvalidByte(in: rest) ?? rest.count
        output.append(contentsOf: rest[..<valid])
        outputOrigins.append(contentsOf: origins[start..<start + valid])
        guard valid < rest.count else { break }
        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
        outputOrigins.append(contentsOf: repeatElement(origins[start + valid], count: 3))
        start += valid + 1
      }
    }
    return MappedText(text: String(decoding: output, as: UTF8.self), origins: outputOrigins)
  }

  /// The index of the run that holds byte `index`.
  private func runIndex(containing index: Int) -> Int {
    var low = 0
    var high = runs.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if runs[middle].start <= index { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// `range` cut to the bytes the view holds.
  private func clamped(_ range: Range<Int>) -> Range<Int> {
    range.clamped(to: 0..<bytes.count)
  }
}
