extension String {
  /// The string with every occurrence of `target` replaced.
  ///
  /// The search runs over UTF-8 bytes. UTF-8 is self-synchronising, so a match always starts
  /// and ends on scalar boundaries: a combining mark after `target` does not hide it, as it
  /// would from `Character` comparison.
  func replacingAll(_ target: String, with replacement: String) -> String {
    let needle = Array(target.utf8)
    guard let first = needle.first, utf8.contains(first) else { return self }
    let bytes = Array(utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + 8)
    var index = 0
    var copied = 0
    while let found = ByteSearch.firstIndex(of: needle, in: bytes, from: index) {
      output.append(contentsOf: bytes[copied..<found])
      output.append(contentsOf: replacement.utf8)
      index = found + needle.count
      copied = index
    }
    guard copied > 0 else { return self }
    output.append(contentsOf: bytes[copied...])
    return String(decoding: output, as: UTF8.self)
  }
}
