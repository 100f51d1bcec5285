/// A `timestamp` value read as the timestamp rules need it: a Unix time in seconds, one in
/// milliseconds, or something else, with the whole seconds it stands for when they can be
/// worked out.
///
/// ```
/// TimestampValue("1.759930024E9").form
/// ```
/// is `.malformed(.scientific, seconds: 1759930024)`.
struct TimestampValue: Hashable, Sendable {
  /// What the value is.
  enum Form: Hashable, Sendable {
    /// A Unix time in seconds: 9 or 10 digits.
    case seconds(Int)
    /// A Unix time in milliseconds: 13 digits, as JavaScript's `Date.now()` gives.
    case milliseconds(Int)
    /// Anything else; `seconds` is the Unix time in seconds it stands for, when known.
    case malformed(Malformation, seconds: Int?)
  }

  /// How a value fails to be a Unix time in seconds.
  enum Malformation: Hashable, Sendable {
    /// Nothing at all.
    case empty
    /// `1`, `0`, `true` or `false`: what a number read as a Boolean becomes.
    case boolean
    /// An integer far below any Unix time in seconds, or a negative one.
    case tooSmall
    /// An integer with a decimal point: `1685544025.0`.
    case fraction
    /// Scientific notation: `1.759930024E9`.
    case scientific
    /// A time in a finer unit: microseconds (16 digits) or nanoseconds (19).
    case finerUnit(String)
    /// An integer with this many digits, which no unit explains.
    case digits(Int)
    /// A date written out: `2023-05-31T14:40:25Z`.
    case date
    /// Other text.
    case text
  }

  /// The value as written.
  let text: String
  /// What it is.
  let form: Form

  /// Reads a value.
  init(_ text: String) {
    self.text = text
    form = Self.form(of: text)
  }

  /// The Unix time in seconds, when the value is one.
  var seconds: Int? {
    if case .seconds(let value) = form { value } else { nil }
  }

  /// Whether the value is a Unix time in milliseconds.
  var isMilliseconds: Bool {
    if case .milliseconds = form { true } else { false }
  }

  /// Whether the value is neither seconds nor milliseconds.
  var isMalformed: Bool {
    if case .malformed = form { true } else { false }
  }

  /// What is wrong with a malformed value, as a phrase after "it is": "a number in
  /// scientific notation"; `nil` for seconds and milliseconds.
  var problem: String? {
    guard case .malformed(let malformation, _) = form else { return nil }
    switch malformation {
    case .empty: return "empty"
    case .boolean: return "what a number becomes when it is read as a Boolean"
    case .tooSmall: return "far too small for a Unix time"
    case .fraction: return "a number with a decimal point"
    case .scientific: return "a number in scientific notation"
    case .finerUnit(let unit): return "a Unix time in \(unit)"
    case .digits(let count): return "an integer of \(count) digits, where a Unix time in seconds has 10"
    case .date: return "a date written as text"
    case .text: return "text, not a number"
    }
  }

  /// The Unix time in seconds a malformed value stands for, when it can be worked out.
  var derivedSeconds: Int? {
    if case .malformed(_, let seconds) = form { seconds } else { nil }
  }
}

// MARK: - Reading

private extension TimestampValue {
  static func form(of text: String) -> Form {
    let bytes = Array(text.utf8)
    if bytes.isEmpty { return .malformed(.empty, seconds: nil) }
    if text == "true" || text == "false" { return .malformed(.boolean, seconds: nil) }
    if bytes.allSatisfy(isDigit) { return integerForm(text, bytes: bytes) }
    if bytes.count > 1, bytes[0] == UInt8(ascii: "-"), bytes.dropFirst().allSatisfy(isDigit) {
      return .malformed(.tooSmall, seconds: nil)
    }
    if let whole = decimal(bytes) {
      return .malformed(.fraction, seconds: isSeconds(whole) ? Int(whole) : nil)
    }
    if let whole = scientific(bytes) {
      return .malformed(.scientific, seconds: isSeconds(whole) ? Int(whole) : nil)
    }
    let looksLikeDate = bytes.contains(UInt8(ascii: ":")) || bytes.contains(UInt8(ascii: "-"))
      || bytes.contains(UInt8(ascii: "/"))
    return .malformed(looksLikeDate && bytes.contains(where: isDigit) ? .date : .text, seconds: nil)
  }

  static func integerForm(_ text: String, bytes: [UInt8]) -> Form {
    let count = bytes.count
    let hasLeadingZero = count > 1 && bytes[0] == UInt8(ascii: "0")
    guard !hasLeadingZero, let value = Int(text) else { return .malformed(.digits(count), seconds: nil) }
    switch count {
    case 9, 10: return .seconds(value)
    case 13: return .milliseconds(value)
    case 16: return .malformed(.finerUnit("microseconds"), seconds: value / 1_000_000)
    case 19: return .malformed(.finerUnit("nanoseconds"), seconds: value / 1_000_000_000)
    case _ where value <= 1: return .malformed(.boolean, seconds: nil)
    case ...8: return .malformed(.tooSmall, seconds: nil)
    default: return .malformed(.digits(count), seconds: nil)
    }
  }

  /// `1685544025.0` or `1685544025.123`: the whole part.
  static func decimal(_ bytes: [UInt8]) -> String? {
    guard let point = bytes.firstIndex(of: UInt8(ascii: ".")), point > 0, point < bytes.count - 1 else {
      return nil
    }
    let whole = bytes[..<point]
    let fraction = bytes[(point + 1)...]
    guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else { return nil }
    return String(decoding: whole, as: UTF8.self)
  }

  /// `1.759930024E9`: the whole part of the number written, as digits.
  static func scientific(_ bytes: [UInt8]) -> String? {
    guard let marker = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
      marker > 0
    else { return nil }
    var exponentDigits = bytes[(marker + 1)...]
    let isNegative = exponentDigits.first == UInt8(ascii: "-")
    if isNegative || exponentDigits.first == UInt8(ascii: "+") { exponentDigits = exponentDigits.dropFirst() }
    guard !exponentDigits.isEmpty, exponentDigits.count <= 2, exponentDigits.allSatisfy(isDigit),
      let magnitude = Int(String(decoding: exponentDigits, as: UTF8.self))
    else { return nil }
    let exponent = isNegative ? -magnitude : magnitude

    // Shift the decimal point of the mantissa `exponent` places to the right.
    let mantissa = bytes[..<marker]
    let point = mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.endIndex
    let digits = mantissa.filter { $0 != UInt8(ascii: ".") }
    guard !digits.isEmpty, digits.allSatisfy(isDigit), mantissa.count - digits.count <= 1 else { return nil }
    let wholeCount = max(0, point + exponent)
    let whole = digits.count >= wholeCount
      ? Array(digits.prefix(wholeCount))
      : digits + Array(repeating: UInt8(ascii: "0"), count: wholeCount - digits.count)
    let trimmed = whole.drop { $0 == UInt8(ascii: "0") }
    return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
  }

  static func isSeconds(_ digits: String) -> Bool {
    if case .seconds = form(of: digits) { true } else { false }
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

// MARK: - Describing times

extension TimestampValue {
  /// The largest offset from UTC a time zone has, in hours.
  static let largestZoneOffset = 14
  /// How far from a whole number of hours a gap may be and still betray a time zone.
  static let zoneTolerance = 120

  /// The number of hours `gap` (in seconds, either sign) is close to, when it is a whole
  /// number of hours that a time zone could explain: 1 to 14, within two minutes.
  static func zoneHours(in gap: Int) -> Int? {
    let distance = abs(gap)
    let hours = (distance + 1_800) / 3_600
    guard (1...largestZoneOffset).contains(hours), abs(distance - hours * 3_600) <= zoneTolerance else {
      return nil
    }
    return hours
  }

  /// A Unix time with its date: "1685544025 (2023-05-31 14:40:25 UTC)".
  static func described(_ unixTime: Int) -> String {
    guard let civil = CivilTime(unixTime: unixTime) else { return String(unixTime) }
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    let date = "\(civil.year)-\(two(civil.month))-\(two(civil.day))"
    return "\(unixTime) (\(date) \(two(civil.hour)):\(two(civil.minute)):\(two(civil.second)) UTC)"
  }

  /// A length of time in words: "2 h 0 min 3 s", "1 day 2 h 5 min 0 s", "42 s".
  static func duration(_ seconds: Int) -> String {
    let total = abs(seconds)
    let days = total / 86_400
    let hours = total % 86_400 / 3_600
    let minutes = total % 3_600 / 60
    var parts: [String] = []
    if days > 0 { parts.append(days == 1 ? "1 day" : "\(days) days") }
    if days > 0 || hours > 0 { parts.append("\(hours) h") }
    if !parts.isEmpty || minutes > 0 { parts.append("\(minutes) min") }
    parts.append("\(total % 60) s")
    return parts.joined(separator: " ")
  }

  /// "1 second", "8 seconds".
  static func seconds(_ count: Int) -> String {
    count == 1 ? "1 second" : "\(count) seconds"
  }
}

extension CivilTime {
  /// The UTC date and time of a Unix time from 1970 on; `nil` before 1970 or after 9999.
  init?(unixTime: Int) {
    guard unixTime >= 0 else { return nil }
    var days = unixTime / 86_400
    var year = 1970
    while true {
      let length = Self.isLeapYear(year) ? 366 : 365
      guard days >= length else { break }
      days -= length
      year += 1
      if year > 9999 { return nil }
    }
    var month = 1
    while days >= Self.daysInMonth(month, of: year) {
      days -= Self.daysInMonth(month, of: year)
      month += 1
    }
    let time = unixTime % 86_400
    self.init(year: year, month: month, day: days + 1, hour: time / 3_600, minute: time % 3_600 / 60,
              second: time % 60)
  }
}
