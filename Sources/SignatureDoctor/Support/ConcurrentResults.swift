/// Slots that concurrent workers fill by index, read once all of them are done.
///
/// Each worker writes only its own slots, and the slots are read after `Parallel.forEach`
/// has joined every thread, which orders the writes before the reads: no lock is needed.
final class ConcurrentResults<Value: Sendable>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func store(_ value: Value, at index: Int) {
    slots[index] = value
  }

  /// The stored values in index order; every slot must have been filled.
  var values: [Value] {
    slots.map { $0! }
  }
}
