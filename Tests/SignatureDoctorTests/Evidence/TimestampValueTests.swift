import Testing

@testable import SignatureDoctor

struct TimestampValueTests {
  struct Reading: CustomTestStringConvertible, Sendable {
    let text: String
    let form: TimestampValue.Form
    var testDescription: String { "'\(text)'" }
  }

  static let readings: [Reading] = [
    Reading(text: "1685544025", form: .seconds(1_685_544_025)),
    Reading(text: "155307631", form: .seconds(155_307_631)),
    Reading(text: "1685544025123", form: .milliseconds(1_685_544_025_123)),
    Reading(text: "1", form: .malformed(.boolean, seconds: nil)),
    Reading(text: "0", form: .malformed(.boolean, seconds: nil)),
    Reading(text: "true", form: .malformed(.boolean, seconds: nil)),
    Reading(text: "42", form: .malformed(.tooSmall, seconds: nil)),
    Reading(text: "", form: .malformed(.empty, seconds: nil)),
    Reading(text: "1.759930024E9", form: .malformed(.scientific, seconds: 1_759_930_024)),
    Reading(text: "1.759930024e+9", form: .malformed(.scientific, seconds: 1_759_930_024)),
    Reading(text: "1.75993E9", form: .malformed(.scientific, seconds: 1_759_930_000)),
    Reading(text: "1.685544025123E12", form: .malformed(.scientific, seconds: nil)),
    Reading(text: "1685544025.0", form: .malformed(.fraction, seconds: 1_685_544_025)),
    Reading(text: "1685544025.987654", form: .malformed(.fraction, seconds: 1_685_544_025)),
    Reading(text: "1685544025123456", form: .malformed(.finerUnit("microseconds"), seconds: 1_685_544_025)),
    Reading(text: "1685544025123456789", form: .malformed(.finerUnit("nanoseconds"), seconds: 1_685_544_025)),
    Reading(text: "168554402512", form: .malformed(.digits(12), seconds: nil)),
    Reading(text: "0168554402", form: .malformed(.digits(10), seconds: nil)),
    Reading(text: "99999999999999999999", form: .malformed(.digits(20), seconds: nil)),
    Reading(text: "2023-05-31T14:40:25Z", form: .malformed(.date, seconds: nil)),
    Reading(text: "Wed May 31 2023 14:40:25 GMT+0000", form: .malformed(.date, seconds: nil)),
    Reading(text: "undefined", form: .malformed(.text, seconds: nil)),
    Reading(text: "-1685544025", form: .malformed(.tooSmall, seconds: nil)),
    Reading(text: "1.7E-9", form: .malformed(.scientific, seconds: nil)),
  ]

  @Test("each spelling of a timestamp reads as its form, with the seconds it stands for", arguments: readings)
  func reading(_ reading: Reading) {
    let value = TimestampValue(reading.text)
    #expect(value.form == reading.form)
    #expect((value.problem == nil) == !value.isMalformed)
  }

  @Test("a gap betrays a time zone only within two minutes of 1 to 14 whole hours")
  func zoneHours() {
    #expect(TimestampValue.zoneHours(in: 7_200) == 2)
    #expect(TimestampValue.zoneHours(in: -7_320) == 2)
    #expect(TimestampValue.zoneHours(in: 3_600 - 120) == 1)
    #expect(TimestampValue.zoneHours(in: 7_321) == nil)
    #expect(TimestampValue.zoneHours(in: 5_400) == nil)
    #expect(TimestampValue.zoneHours(in: 60) == nil)
    #expect(TimestampValue.zoneHours(in: 14 * 3_600) == 14)
    #expect(TimestampValue.zoneHours(in: 15 * 3_600) == nil)
  }

  @Test("Unix times read back as UTC dates, leap days and year ends included")
  func dates() {
    #expect(TimestampValue.described(0) == "0 (1970-01-01 00:00:00 UTC)")
    #expect(TimestampValue.described(1_434_805_181) == "1434805181 (2015-06-20 12:59:41 UTC)")
    #expect(TimestampValue.described(951_782_400) == "951782400 (2000-02-29 00:00:00 UTC)")
    #expect(TimestampValue.described(1_704_067_199) == "1704067199 (2023-12-31 23:59:59 UTC)")
    #expect(TimestampValue.described(-1) == "-1")
    for time in stride(from: 0, to: 4_102_444_800, by: 86_399 * 37) {
      let civil = CivilTime(unixTime: time)
      #expect(civil?.unixTime == time, "\(time)")
    }
  }

  @Test("durations are written in days, hours, minutes and seconds")
  func durations() {
    #expect(TimestampValue.duration(42) == "42 s")
    #expect(TimestampValue.duration(-125) == "2 min 5 s")
    #expect(TimestampValue.duration(7_203) == "2 h 0 min 3 s")
    #expect(TimestampValue.duration(93_900) == "1 day 2 h 5 min 0 s")
    #expect(TimestampValue.duration(2 * 86_400) == "2 days 0 h 0 min 0 s")
  }
}
