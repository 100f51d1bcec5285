/// Judges the age of the timestamp: from a stale-request report, or, given `--now`, from the
/// timestamp the request carried (the client's when the paste has no string to sign). It
/// never reads the clock, so without a stale report or `--now` it says nothing. It suspects
/// no other string to sign: a stale signature is no mistake in the string. Timestamps that
/// are not in seconds are left to `TimestampInMillisecondsRule` and `TimestampFormatRule`.
struct StaleTimestampRule: Rule {
  /// How old a timestamp may be, in seconds.
  static let maximumAge = 3_600
  /// How far ahead of `--now` a timestamp may be before sigdoc calls it in the future.
  static let maximumLead = 300

  static let description = RuleDescription(
    slug: "stale-timestamp",
    code: "SD001",
    title: "The timestamp was over an hour old, or in the future, when the request arrived",
    explanation: RuleExplanation(
      whatHappened: """
        A signed request carries a `timestamp`, the Unix time in seconds when it was signed, \
        and Cloudinary honours it for one hour. This one was older than that when it arrived, \
        or it lay in the future. There are three usual causes. A clock is wrong: a phone, or a \
        server without time sync. A time zone was taken for UTC: a local date and time was \
        converted as if it were UTC, which moves the timestamp by a whole number of hours. Or \
        a signature was made once and used later: cached, or made when a page loaded and used \
        after the page had been open for over an hour.
        """,
      whyRefused: """
        Cloudinary answers a timestamp more than an hour older than its own clock with \
        "Stale request - reported time is … which is more than 1 hour ago" (HTTP 400). The \
        reported time is the timestamp the request carried, written in UTC; the message means \
        that Cloudinary's clock read more than an hour later. How far in the future a \
        timestamp may be is not documented; sigdoc flags one more than five minutes ahead of \
        `--now`.
        """,
      howToFix: """
        Sign each request shortly before it is sent, with the current Unix time in seconds, on \
        a machine whose clock is kept in time (NTP). Take seconds since the epoch directly \
        rather than converting a local date and time. When the gap is a whole number of hours, \
        find the place that reads a local time as UTC (or the reverse). Never keep a signature \
        for more than an hour. When the device that signs has a wrong clock, sign on your \
        server instead.
        """,
      sdkNotes: [
        ("Upload Widget", "a string `uploadSignature` with `uploadSignatureTimestamp` is made at page load "
          + "and expires an hour later; the function form signs each upload when it starts."),
        ("Mobile SDKs", "signing on the device uses the device's clock; sign on your server, or use an "
          + "unsigned preset."),
        ("Python", "`int(time.time())`; `datetime.utcnow().timestamp()` reads the UTC time as local time and "
          + "is off by the zone's offset."),
        ("Rails", "`Time.now.to_i` counts from the epoch in UTC whatever `config.time_zone` says; keep the "
          + "host's clock synchronised."),
        ("sigdoc", "pass `--now` with the time of the failed request (the response's `Date` header) to have "
          + "the timestamp of an Invalid Signature paste judged."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "↓Stale request - reported time is 2015-06-20 12:59:41 +0000 which is more than 1 hour ago"),
      RuleExample(
        error: "↓Stale request - reported time is 2015-06-20 12:59:41 +0000 which is more than 1 hour ago",
        now: 1_434_812_390),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&↓timestamp=1685544025'.",
        now: 1_685_563_062),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&↓timestamp=1685551225'.",
        now: 1_685_544_055),
      RuleExample(
        error: "POST https://api.cloudinary.com/v1_1/demo/image/upload 401 (Unauthorized)",
        params: #"{"folder": "a", ↓"timestamp": 1685544025}"#,
        now: 1_685_551_230),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=1685544025'."),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=1685544025'.",
        now: 1_685_547_565),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=1685544265'.",
        now: 1_685_544_025, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature ***. String to sign - "
          + "'folder=a&timestamp=1685544025123'.",
        now: 1_685_544_025, excludeFromDocs: true),
      RuleExample(error: "Missing required parameter - api_key", params: #"{"timestamp": 1685544025}"#),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    let stale = evidence.reports.filter { $0.kind == .staleRequest }
    if !stale.isEmpty { return stale.map { finding(for: $0, evidence: evidence) } }
    guard let now = evidence.now, let (time, note) = judgedTimestamp(evidence) else { return [] }

    let age = now - time
    let shown = Time.described(time)
    var notes = [note, EvidenceNote("sigdoc judged it against --now, \(Time.described(now)).")]
    let summary: String
    if age > Self.maximumAge {
      summary = "The timestamp, \(shown), is \(Time.duration(age)) older than --now, and Cloudinary refuses "
        + "timestamps more than an hour old."
    } else if -age > Self.maximumLead {
      summary = "The timestamp, \(shown), is \(Time.duration(age)) ahead of --now: the clock or the time "
        + "zone that made it is off."
    } else {
      return []
    }
    if let zone = Self.zoneNote(gap: age) { notes.append(zone) }
    return [Self.finding(confidence: age > 0 ? 0.7 : 0.6, summary: summary, evidence: notes,
                         fix: Self.description.explanation.howToFix)]
  }
}

private extension StaleTimestampRule {
  typealias Time = TimestampValue

  /// The finding for one stale-request report, with the gap to `--now` when given.
  func finding(for report: ServerReport, evidence: Evidence) -> Finding {
    let location = evidence.location(of: report)
    guard let time = report.reportedTime else {
      return Self.finding(
        confidence: 0.95,
        summary: "Cloudinary refused the request as stale: its timestamp was more than an hour old by "
          + "Cloudinary's clock.",
        evidence: [EvidenceNote("Cloudinary says the request's timestamp was more than an hour old.",
                                at: location)],
        fix: Self.description.explanation.howToFix)
    }
    let shown = Time.described(time)
    var notes = [EvidenceNote("Cloudinary read the request's timestamp as \(shown) and its own clock as more "
      + "than an hour later.", at: location)]
    if let now = evidence.now {
      let age = now - time
      let against = "Against --now, \(Time.described(now)), the timestamp is"
      if age > Self.maximumAge {
        notes.append(EvidenceNote("\(against) \(Time.duration(age)) old."))
        if let zone = Self.zoneNote(gap: age) { notes.append(zone) }
      } else {
        let direction = age < 0 ? "ahead" : "old"
        notes.append(EvidenceNote("\(against) only \(Time.duration(age)) \(direction), so the clock --now "
          + "comes from agrees with the one that made the timestamp, and Cloudinary's read more than an hour "
          + "later: that clock, or its time zone setting, is off."))
      }
    }
    return Self.finding(
      confidence: 0.97,
      summary: "Cloudinary refused the request as stale: its timestamp, \(shown), was more than an hour old "
        + "by Cloudinary's clock.",
      evidence: notes,
      fix: Self.description.explanation.howToFix)
  }

  /// The timestamp to judge against `--now`, in seconds, with a note pointing at it: the one
  /// the request carried, or, without a string to sign, the client's.
  func judgedTimestamp(_ evidence: Evidence) -> (Int, EvidenceNote)? {
    let timestamps = Timestamps(evidence)
    if let sent = timestamps.sent {
      guard let time = sent.value.seconds else { return nil }
      let location = evidence.location(ofServerPair: sent.pair)
      return (time, EvidenceNote("The request carried timestamp=\(time).", at: location))
    }
    guard let signed = timestamps.signed, let time = signed.value.seconds else { return nil }
    let location = evidence.location(ofClientPair: signed.pair)
    return (time, EvidenceNote("The client signed timestamp=\(time).", at: location))
  }

  /// A note saying that a gap of a whole number of hours betrays a time zone, when it is one.
  static func zoneNote(gap: Int) -> EvidenceNote? {
    Time.zoneHours(in: gap).map { hours in
      EvidenceNote("That is within two minutes of \(hours) hour\(hours == 1 ? "" : "s"): it betrays a time "
        + "zone taken for UTC, not a clock that drifted.")
    }
  }
}
