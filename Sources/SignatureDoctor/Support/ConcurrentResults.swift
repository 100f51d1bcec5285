import Synchronization

/// Slots that concurrent workers fill by index, read once all of them are done.
final class ConcurrentResults<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  init(count: Int) {
    slots = Mutex(Array(repeating: nil, count: count))
  }

  func store(_ value: Value, at index: Int) {
    slots.withLock { $0[index] = value }
  }

  /// The stored values in index order; every slot must have been filled.
  var values: [Value] {
    slots.withLock { $0.map { $0! } }
  }
}
