// The stale request's time: the date, its offset, the words after it, and a time cut short.

extension MessageGrammar.Reader {
  /// Reads `YYYY-MM-DD HH:MM:SS` and an optional offset (`+0000`, `-05:00`, `Z`, `UTC`).
  func dateTime(at index: Int) -> (Int, Int)? {
    let pattern = Array("dddd-dd-dd dd:dd:dd".utf8)
    guard index + pattern.count <= end else { return nil }
    for (offset, expected) in pattern.enumerated() {
      let byte = view[index + offset]
      switch expected {
      case UInt8(ascii: "d"): guard TextScan.isDigit(byte) else { return nil }
      case UInt8(ascii: " "):
        guard byte == UInt8(ascii: " ") || byte | 0x20 == UInt8(ascii: "t") else { return nil }
      default: guard byte == expected else { return nil }
      }
    }
    func number(_ offset: Int, _ digits: Int) -> Int {
      Int(view.string(index + offset..<index + offset + digits)) ?? -1
    }
    let (utcOffset, timeEnd) = utcOffset(at: index + pattern.count)
    let time = CivilTime(
      year: number(0, 4), month: number(5, 2), day: number(8, 2),
      hour: number(11, 2), minute: number(14, 2), second: number(17, 2), utcOffset: utcOffset
    )
    return time.unixTime.map { ($0, timeEnd) }
  }

  /// The offset after a time, in seconds, and where it ends; zero where none is written.
  func utcOffset(at index: Int) -> (Int, Int) {
    let position = TextScan.skipUnicodeBlanks(in: view, from: index, to: end)
    guard position < end else { return (0, index) }
    let sign = view[position]
    if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
      var digits: [Int] = []
      var cursor = position + 1
      while cursor < end, digits.count < 4 {
        if TextScan.isDigit(view[cursor]) {
          digits.append(Int(view[cursor] - UInt8(ascii: "0")))
        } else if view[cursor] != UInt8(ascii: ":") || digits.count != 2 {
          break
        }
        cursor += 1
      }
      guard digits.count == 4 else { return (0, index) }
      let seconds = (digits[0] * 10 + digits[1]) * 3_600 + (digits[2] * 10 + digits[3]) * 60
      return (sign == UInt8(ascii: "-") ? -seconds : seconds, cursor)
    }
    for zone in ["utc", "gmt", "z"] where TextScan.hasWord(Array(zone.utf8), in: view, at: position)
    {
      let zoneEnd = position + zone.utf8.count
      if zoneEnd == end || !TextScan.isWordByte(view[zoneEnd]) { return (0, zoneEnd) }
    }
    return (0, index)
  }

  /// The end of "which is more than 1 hour ago" after the time, or `index` when it is not
  /// there.
  func tail(after index: Int) -> Int {
    let position = TextScan.skipUnicodeBlanks(in: view, from: index, to: end)
    guard let which = Self.staleTail.0.match(in: view, at: position, end: end) else { return index }
    let limit = min(end, which + 24)
    guard let ago = Self.staleTail.1.firstMatch(in: view, from: which, to: limit) else {
      return which
    }
    return ago.upperBound
  }

  /// Whether `rest`, the text after "Stale request -", is the start of "reported time is"
  /// and a time, cut off before the time was complete.
  func isCutOffTime(_ rest: Range<Int>) -> Bool {
    let template = Self.reportedTimeIs
    let shared = min(rest.count, template.count)
    for offset in 0..<shared
    where TextScan.lowercased(view[rest.lowerBound + offset]) != template[offset] {
      return false
    }
    let timeText = rest.lowerBound + shared..<rest.upperBound
    return timeText.allSatisfy { index in
      let byte = view[index]
      return TextScan.isDigit(byte) || Self.timeBytes.contains(byte)
    }
  }
}
