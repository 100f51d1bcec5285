/// Converts a date and time on the proleptic Gregorian calendar to a Unix time, without
/// Foundation.
///
/// ```
/// CivilTime(year: 2015, month: 6, day: 20, hour: 12, minute: 59, second: 41).unixTime
/// ```
/// is `1434805181`.
struct CivilTime: Hashable, Sendable {
  /// The year, from 1 to 9999.
  var year: Int
  /// The month, from 1 to 12.
  var month: Int
  /// The day of the month, from 1.
  var day: Int
  /// The hour, from 0 to 23.
  var hour: Int
  /// The minute, from 0 to 59.
  var minute: Int
  /// The second, from 0 to 60 (a leap second counts as the next second's start).
  var second: Int
  /// How far the clock that wrote the time runs ahead of UTC, in seconds (`+0200` is 7200).
  var utcOffset: Int = 0

  /// The number of days before each month in a year that is not a leap year.
  private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

  /// Whether the year has a 29 February.
  static func isLeapYear(_ year: Int) -> Bool {
    year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
  }

  /// The number of days in a month.
  static func daysInMonth(_ month: Int, of year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Whether every field is in range, the day included.
  var isValid: Bool {
    (1...9999).contains(year) && (1...12).contains(month)
      && (1...Self.daysInMonth(month, of: year)).contains(day)
      && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
      && (-86_400...86_400).contains(utcOffset)
  }

  /// The seconds since 1970-01-01 00:00:00 UTC, negative before it; `nil` when a field is
  /// out of range.
  var unixTime: Int? {
    guard isValid else { return nil }
    let days = Self.daysSinceEpoch(year: year, month: month, day: day)
    return days * 86_400 + hour * 3_600 + minute * 60 + second - utcOffset
  }

  /// Days from 1970-01-01 to the date: whole years at 365 days, plus the 29 Februaries
  /// between, plus the days of the year so far.
  private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let leapDays = leapYears(before: year) - leapYears(before: 1970)
    let extraDay = month > 2 && isLeapYear(year) ? 1 : 0
    return (year - 1970) * 365 + leapDays + daysBeforeMonth[month - 1] + extraDay + day - 1
  }

  /// How many leap years there are from year 1 up to, not including, `year` (`year` ≥ 1).
  private static func leapYears(before year: Int) -> Int {
    let previous = year - 1
    return previous / 4 - previous / 100 + previous / 400
  }
}
