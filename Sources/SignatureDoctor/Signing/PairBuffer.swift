#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Pairs written one after another into one buffer, so that a string to sign costs a few
/// allocations rather than one per pair.
struct PairBuffer {
  private(set) var bytes: [UInt8] = []
  /// Each pair's bytes; a removed pair's slot holds `PairBuffer.removed`.
  private(set) var ranges: [Range<Int>] = []
  private var start = 0

  /// The range that marks a removed pair.
  private static let removed = -1 ..< -1

  mutating func begin() {
    start = bytes.count
  }

  mutating func end() {
    ranges.append(start..<bytes.count)
  }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    ranges.removeAll(keepingCapacity: true)
    start = 0
  }

  /// Forgets the pair being written.
  mutating func discard() {
    bytes.removeSubrange(start...)
  }

  /// Forgets a finished pair.
  mutating func remove(_ index: Int) {
    ranges[index] = Self.removed
  }

  mutating func append(_ byte: UInt8) {
    bytes.append(byte)
  }

  mutating func append(_ text: String, escapingAmpersands escapes: Bool = false) {
    var text = text
    text.withUTF8 { append($0, escapingAmpersands: escapes) }
  }

  /// Appends bytes, writing `&` as `%26` when asked.
  mutating func append(_ source: UnsafeBufferPointer<UInt8>, escapingAmpersands escapes: Bool) {
    guard escapes, source.contains(UInt8(ascii: "&")) else {
      return bytes.append(contentsOf: source)
    }
    for byte in source {
      if byte == UInt8(ascii: "&") {
        bytes += [UInt8(ascii: "%"), UInt8(ascii: "2"), UInt8(ascii: "6")]
      } else {
        bytes.append(byte)
      }
    }
  }

  /// The kept pairs' ranges in code-point order.
  ///
  /// Requests have a dozen pairs, for which an insertion sort beats a general sort and its
  /// closure calls; past `insertionSortLimit` pairs, the general sort keeps the cost at
  /// n log n.
  func sortedRanges() -> [Range<Int>] {
    var order: [Range<Int>] = []
    sortRanges(into: &order)
    return order
  }

  /// The kept pairs' ranges in code-point order, written over `order`.
  func sortRanges(into order: inout [Range<Int>]) {
    order.removeAll(keepingCapacity: true)
    order.reserveCapacity(ranges.count)
    for range in ranges where range != Self.removed { order.append(range) }
    guard order.count <= Self.insertionSortLimit else {
      order.sort(by: precedes)
      return
    }
    for next in order.indices.dropFirst() {
      let moving = order[next]
      var slot = next
      while slot > 0, precedes(moving, order[slot - 1]) {
        order[slot] = order[slot - 1]
        slot -= 1
      }
      order[slot] = moving
    }
  }

  /// The most pairs sorted by insertion.
  static let insertionSortLimit = 32

  /// Whether the pair at `lhs` sorts before the pair at `rhs` by bytes.
  private func precedes(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      let order = memcmp(
        buffer.baseAddress! + lhs.lowerBound,
        buffer.baseAddress! + rhs.lowerBound,
        min(lhs.count, rhs.count)
      )
      return order != 0 ? order < 0 : lhs.count < rhs.count
    }
  }
}
