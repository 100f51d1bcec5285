/// Builds the whole `ParameterValue` from a parser's events, spans included.
struct ValueTreeBuilder: LiteralHandler {
  private enum Container {
    case list([ParameterValue])
    case map([Parameter], key: (text: String, span: Range<Int>)?)
  }

  private var stack: [(container: Container, start: Int)] = []
  /// The value once the outermost one has ended.
  private(set) var value: ParameterValue?

  mutating func beginMap(at offset: Int) {
    var members: [Parameter] = []
    members.reserveCapacity(8)
    stack.append((.map(members, key: nil), offset))
  }

  mutating func key(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) {
    guard case .map(let members, _) = stack.last?.container else { return }
    stack[stack.count - 1].container = .map(members, key: (String(decoding: bytes, as: UTF8.self), span))
  }

  mutating func endMap(at end: Int) {
    guard let (container, start) = stack.popLast(), case .map(let members, _) = container else { return }
    add(.map(members), span: start..<end)
  }

  mutating func beginList(at offset: Int) {
    stack.append((.list([]), offset))
  }

  mutating func endList(at end: Int) {
    guard let (container, start) = stack.popLast(), case .list(let elements) = container else { return }
    add(.list(elements), span: start..<end)
  }

  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) {
    add(.string(String(decoding: bytes, as: UTF8.self)), span: span)
  }

  mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, span: Range<Int>) {
    add(.number(String(decoding: bytes, as: UTF8.self)), span: span)
  }

  mutating func constant(_ value: ParameterValue, span: Range<Int>) {
    add(value, span: span)
  }

  private mutating func add(_ value: ParameterValue, span: Range<Int>) {
    guard let top = stack.indices.last else { return self.value = value }
    switch stack[top].container {
    case .list(var elements):
      stack[top].container = .list([])
      elements.append(value)
      stack[top].container = .list(elements)
    case .map(var members, let key?):
      stack[top].container = .map([], key: nil)
      members.append(Parameter(key.text, value, keySpan: key.span, valueSpan: span))
      stack[top].container = .map(members, key: nil)
    case .map:
      break
    }
  }
}
