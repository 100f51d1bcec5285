#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Work spread over the processors with POSIX threads.
///
/// Not Dispatch: loading libdispatch (and the Blocks runtime it needs) costs about a
/// millisecond at every start, which is a fifth of the whole run of a small diagnosis.
public enum Parallel {
  /// Calls `body` once for every index in `0..<count`, on as many threads as there are
  /// processors, the caller's included, and returns when every call has returned. Indices
  /// are handed out one at a time, so uneven work still spreads evenly.
  public static func forEach(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let workers = min(count, ProcessInfoLite.activeProcessorCount)
    guard workers > 1 else {
      for index in 0..<count { body(index) }
      return
    }
    let queue = IndexQueue(count: count)
    let work: @Sendable () -> Void = {
      while let index = queue.next() { body(index) }
    }
    let threads = (1..<workers).map { _ in Thread(work) }
    work()
    for thread in threads { thread.join() }
  }

  /// A value computed on a thread of its own.
  public final class Background<Value: Sendable>: Sendable {
    private let thread: Thread
    private let slot = Slot<Value>()

    /// Starts computing `body` on a new thread.
    public init(_ body: @escaping @Sendable () -> Value) {
      let slot = slot
      thread = Thread { slot.value = body() }
    }

    /// Waits for the thread and returns its value.
    public func join() -> Value {
      thread.join()
      return slot.value!
    }
  }
}

/// A slot one thread fills and another reads after joining it; the join orders the write
/// before the read.
private final class Slot<Value>: @unchecked Sendable {
  var value: Value?
}

/// Indices handed out under a lock.
private final class IndexQueue: @unchecked Sendable {
  private let count: Int
  private var nextIndex = 0
  private let lock: UnsafeMutablePointer<pthread_mutex_t>

  init(count: Int) {
    self.count = count
    lock = .allocate(capacity: 1)
    pthread_mutex_init(lock, nil)
  }

  deinit {
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }

  func next() -> Int? {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    guard nextIndex < count else { return nil }
    defer { nextIndex += 1 }
    return nextIndex
  }
}

/// A POSIX thread running one closure.
private final class Thread: @unchecked Sendable {
  private var handle = pthread_t()

  init(_ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    let created = pthread_create(&handle, nil, { context in
      let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
      box.body()
      return nil
    }, box)
    if created != 0 {
      // NB: no thread could be made (a process limit); the work is done here instead.
      Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
      handle = pthread_t()
    }
  }

  func join() {
    if handle != pthread_t() { pthread_join(handle, nil) }
  }

  private final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
}
