/// Finds HTTP status codes where the text shows them as statuses, not as any number.
///
/// A three-digit number counts when it stands on its own and something marks it as a
/// status: a key and a separator (`http_code: 401`, `"http_code":401`, `status code - 401`,
/// `Code=400`, `\"status\":401`), a key of its own words and a blank (`with status code 401`,
/// `responded with a status of 401`), parentheses (`(401)`), `HTTP` before it
/// (`HTTP/1.1 401`), or a reason after it (`401 Unauthorized`, `401 (Unauthorized)`,
/// `401 Client Error`). A log line's last word (`upload failed: 401`) counts only right
/// before a message, which `leadingStatus` looks for.
enum HTTPStatusFinder {
  /// A status found in a view.
  struct Status {
    /// The digits.
    let range: Range<Int>
    /// The code.
    let code: Int
  }

  /// The words before a number that make it a status; the text before the separator must
  /// end with one of them.
  private static let keys = [
    "http_code", "httpcode", "http_status", "http status", "status_code",
    "statuscode", "status code", "status", "code",
  ].map { Array($0.utf8) }
  /// The keys that mark a number as a status with nothing but a blank between: words that
  /// name a status and nothing else, so that a number in a sentence ("code 401 of the
  /// form") is not taken for one.
  private static let blankKeys = [
    "http_code", "httpcode", "http_status", "http status", "status_code", "statuscode",
    "status code", "status of", "status",
  ].map { Array($0.utf8) }
  /// The word before a status line's version and code.
  private static let httpWord = Array("http".utf8)
  /// The quotes and backslashes JSON layers put around a key.
  private static let quoting = TextScan.ByteSet(#""'\"#)
  /// What may stand after the number that ends a log line.
  private static let lineEnding = TextScan.ByteSet(":-)")
  /// The reasons that may follow a status.
  private static let reasons = [
    Phrase("unauthorized"), Phrase("bad request"), Phrase("forbidden"), Phrase("not found"),
    Phrase("client error"), Phrase("server error"),
  ]

  /// The statuses that stand within `range` of `view`, in order.
  static func statuses(in view: DecodedText, within range: Range<Int>) -> [Status] {
    var found: [Status] = []
    var position = range.lowerBound
    while position + 3 <= range.upperBound {
      position = view.bytes.withUnsafeBufferPointer { buffer in
        var index = position
        while index + 3 <= range.upperBound, !TextScan.isDigit(buffer[index]) { index += 1 }
        return index
      }
      guard position + 3 <= range.upperBound, let code = standaloneNumber(in: view, at: position)
      else {
        position += 1
        continue
      }
      let digits = position..<position + 3
      if (100...599).contains(code), isMarked(digits, in: view) {
        found.append(Status(range: digits, code: code))
      }
      position += 3
    }
    return found
  }

  /// The status a log line ends with right before `index`, the start of a message or of the
  /// structure that holds it: on the same line (`401 Invalid Signature …`), or ending the line
  /// before when nothing but markers precedes `index` on its own (`upload failed: 401`, then
  /// the JSON on the next line). Only 4xx and 5xx codes count.
  static func leadingStatus(before index: Int, in view: DecodedText, lowerBound: Int) -> Status? {
    let lineStart = TextScan.lineStart(in: view, before: index, lowerBound: lowerBound)
    if let status = lastNumber(in: lineStart..<index, of: view) { return status }
    guard !TextScan.containsWord(lineStart..<index, in: view), lineStart > lowerBound else {
      return nil
    }
    let previousStart = TextScan.lineStart(in: view, before: lineStart - 1, lowerBound: lowerBound)
    return lastNumber(in: previousStart..<lineStart - 1, of: view)
  }
}

// MARK: - Reading numbers

private extension HTTPStatusFinder {
  /// The value of three digits at `index` that no other digit, letter or decimal point
  /// touches.
  static func standaloneNumber(in view: DecodedText, at index: Int) -> Int? {
    guard index + 3 <= view.count else { return nil }
    for offset in 0..<3 where !TextScan.isDigit(view[index + offset]) { return nil }
    if let before = view.byte(at: index - 1),
      TextScan.isWordByte(before) || before == UInt8(ascii: ".")
    {
      return nil
    }
    if let after = view.byte(at: index + 3) {
      if TextScan.isWordByte(after) { return nil }
      if after == UInt8(ascii: "."), let next = view.byte(at: index + 4), TextScan.isDigit(next) {
        return nil
      }
    }
    return Int(view[index] - 48) * 100 + Int(view[index + 1] - 48) * 10 + Int(view[index + 2] - 48)
  }

  /// Whether the number at `digits` is marked as a status.
  static func isMarked(_ digits: Range<Int>, in view: DecodedText) -> Bool {
    var reasonStart = TextScan.skipBlanks(
      in: view, from: digits.upperBound, to: min(view.count, digits.upperBound + 4))
    if view.byte(at: reasonStart) == UInt8(ascii: "(") { reasonStart += 1 }
    if reasonStart > digits.upperBound,
      reasons.contains(where: { $0.match(in: view, at: reasonStart, end: view.count) != nil })
    {
      return true
    }
    if view.byte(at: digits.lowerBound - 1) == UInt8(ascii: "("),
      view.byte(at: digits.upperBound) == UInt8(ascii: ")")
    {
      return true
    }
    return followsHTTP(digits.lowerBound, in: view) || followsKey(digits.lowerBound, in: view)
  }

  /// Whether `HTTP`, `HTTP/1.1` or `HTTP/2` and blanks stand before `index`.
  static func followsHTTP(_ index: Int, in view: DecodedText) -> Bool {
    var position = index
    while position > 0, TextScan.isBlank(view[position - 1]) { position -= 1 }
    guard position < index else { return false }
    let versionEnd = position
    while position > max(0, versionEnd - 4),
      TextScan.isDigit(view[position - 1]) || view[position - 1] == UInt8(ascii: ".")
    {
      position -= 1
    }
    if position < versionEnd {
      guard view.byte(at: position - 1) == UInt8(ascii: "/") else { return false }
      position -= 1
    }
    return TextScan.hasWord(httpWord, in: view, at: position - 4)
  }

  /// Whether a status key and a separator (`:`, `=`, `=>`, `-`), with any quotes and
  /// backslashes of JSON layers, stand before `index`; or one of `blankKeys` and blanks.
  static func followsKey(_ index: Int, in view: DecodedText) -> Bool {
    var position = index
    let bound = max(0, index - 48)
    func skipQuoting() {
      while position > bound,
        TextScan.isBlank(view[position - 1]) || quoting.contains(view[position - 1])
      {
        position -= 1
      }
    }
    skipQuoting()
    guard position > bound else { return false }
    switch view[position - 1] {
    case UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "-"): position -= 1
    case UInt8(ascii: ">") where view.byte(at: position - 2) == UInt8(ascii: "="): position -= 2
    default: return position < index && followsBlankKey(position, in: view, bound: bound)
    }
    skipQuoting()
    let wordEnd = position
    while position > max(bound, wordEnd - 16),
      TextScan.isLetter(view[position - 1]) || view[position - 1] == UInt8(ascii: "_")
        || view[position - 1] == 0x20
    {
      position -= 1
    }
    let word = view.bytes[position..<wordEnd].map(TextScan.lowercased)
    return keys.contains { key in
      word.count >= key.count && word.suffix(key.count).elementsEqual(key)
    }
  }

  /// Whether one of `blankKeys` ends right before `index`, on a word boundary.
  static func followsBlankKey(_ index: Int, in view: DecodedText, bound: Int) -> Bool {
    blankKeys.contains { key in
      let start = index - key.count
      guard start >= bound, TextScan.hasWord(key, in: view, at: start) else { return false }
      return view.byte(at: start - 1).map(TextScan.isWordByte) != true
    }
  }

  /// A 4xx or 5xx number that ends `range` once blanks, colons, dashes and a closing
  /// parenthesis are set aside.
  static func lastNumber(in range: Range<Int>, of view: DecodedText) -> Status? {
    var end = range.upperBound
    while end > range.lowerBound,
      TextScan.isSpace(view[end - 1]) || lineEnding.contains(view[end - 1])
    {
      end -= 1
    }
    guard end - 3 >= range.lowerBound, let code = standaloneNumber(in: view, at: end - 3),
      (400...599).contains(code)
    else { return nil }
    return Status(range: end - 3..<end, code: code)
  }
}
