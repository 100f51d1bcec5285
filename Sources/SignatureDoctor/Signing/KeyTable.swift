/// The keys of a map by their bytes: an open-addressing hash table from a key's bytes to
/// the index of the latest key with those bytes.
///
/// Keys are hashed with the standard library's seeded `Hasher`, so that no chosen set of
/// keys can make every lookup collide.
struct KeyTable {
  /// Below this many keys, a linear search is faster than hashing.
  static let linearSearchLimit = 16

  /// One past each key's index, or 0 for an empty slot; the count is a power of two.
  private var slots: [Int] = []
  private var count = 0

  /// Whether no key has been inserted.
  var isEmpty: Bool { count == 0 }

  mutating func removeAll() {
    guard !isEmpty else { return }
    slots = []
    count = 0
  }

  /// Makes key `index` the one found for its bytes, and returns the key it replaces.
  mutating func insert(
    _ index: Int,
    keys: [(bytes: Range<Int>, span: Range<Int>, pair: Int?)],
    bytes: [UInt8]
  ) -> Int? {
    if (count + 1) * 2 > slots.count { grow(keys: keys, bytes: bytes) }
    let key = bytes[keys[index].bytes]
    let mask = slots.count - 1
    var slot = Self.hash(key) & mask
    while slots[slot] != 0 {
      let earlier = slots[slot] - 1
      if bytes[keys[earlier].bytes].elementsEqual(key) {
        slots[slot] = index + 1
        return earlier
      }
      slot = (slot + 1) & mask
    }
    slots[slot] = index + 1
    count += 1
    return nil
  }

  private mutating func grow(
    keys: [(bytes: Range<Int>, span: Range<Int>, pair: Int?)],
    bytes: [UInt8]
  ) {
    let old = slots
    slots = [Int](repeating: 0, count: max(64, old.count * 2))
    let mask = slots.count - 1
    for entry in old where entry != 0 {
      var slot = Self.hash(bytes[keys[entry - 1].bytes]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }

  private static func hash(_ key: ArraySlice<UInt8>) -> Int {
    var hasher = Hasher()
    key.withUnsafeBytes { hasher.combine(bytes: $0) }
    return hasher.finalize()
  }
}
