// The steps that look at all the messages of a paste at once: mentions, header duplicates,
// order, statuses, and the bare 401.

extension ReportCollector {
  /// The reason a bare 401 may carry.
  static let unauthorizedWord = Phrase("unauthorized")
  /// How far either side of a message the reader looks for its HTTP status.
  static let statusReach = 2048

  /// The reports of the paste, in order of appearance.
  ///
  /// Words in a sentence ("an Invalid Signature error") count only when the paste holds no
  /// real message, once per kind. A message repeated in an `X-Cld-Error` header is one
  /// report, with the layer `x-cld-error` added: the body's, unless only the header's copy
  /// is complete; a copy cut short says the same message as a complete one whose start it
  /// holds. A bare 401 counts only when nothing else was found.
  func reports() -> [ServerReport] {
    var kept = found.filter { !$0.isMention }
    if kept.isEmpty {
      var kinds: Set<ServerReport.Kind> = []
      kept = found.filter { kinds.insert($0.report.kind).inserted }
    }
    kept = mergingHeaders(kept)
    // NB: the indices are sorted rather than the items, which are large to copy.
    let order = kept.indices.sorted {
      (kept[$0].report.span.lowerBound, $0) < (kept[$1].report.span.lowerBound, $1)
    }
    kept = order.map { kept[$0] }
    guard !kept.isEmpty else { return unauthorized().map { [$0] } ?? [] }

    var reports: [ServerReport] = []
    for (index, item) in kept.enumerated() {
      var report = item.report
      let previous = index > 0 ? kept[index - 1] : nil
      let next = index + 1 < kept.count ? kept[index + 1] : nil
      report.httpStatus = status(of: item, previous: previous, next: next)
      reports.append(report)
    }
    return reports
  }
}

// MARK: - Steps

/// How far a status lies from a message: from what holds it, then from the message itself.
private struct Distance: Comparable {
  /// The bytes between the status and the message's extent.
  let extent: Int
  /// The bytes between the status and the message.
  let core: Int

  static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.extent, lhs.core) < (rhs.extent, rhs.core)
  }
}

/// What a header and a body report must share to say the same message: everything but the
/// string to sign and the time, which a copy cut short may hold only the start of. Texts are
/// compared by their bytes, not by Unicode equivalence.
private struct MessageKey: Hashable {
  /// The message.
  let kind: ServerReport.Kind
  /// The signature, parameter, API key and cloud name, as bytes.
  let texts: [[UInt8]?]

  /// The key of what `report` says.
  init(_ report: ServerReport) {
    kind = report.kind
    texts = [report.signature?.text, report.parameter, report.apiKey, report.cloudName]
      .map { $0.map { Array($0.utf8) } }
  }
}

private extension ReportCollector {
  /// How many waiting reports of one key a report is compared with: the nearest ones, so
  /// that thousands of reports of one key stay linear to fold.
  static let mergeReach = 64

  /// Folds each header report into a body report that says the same message: the nearest
  /// one before it still unpaired, or else the next one after it. The pair becomes one
  /// report, the body's unless only the header's copy is complete, that spans both.
  func mergingHeaders(_ items: [Found]) -> [Found] {
    guard items.contains(where: \.isHeader) else { return items }
    var items = items
    var removed: Set<Int> = []
    var waitingBodies: [MessageKey: [Int]] = [:]
    var waitingHeaders: [MessageKey: [Int]] = [:]
    for index in items.indices {
      let key = MessageKey(items[index].report)
      let isHeader = items[index].isHeader
      var partner: Int?
      if isHeader, waitingBodies[key] != nil {
        partner = Self.takePartner(of: index, from: &waitingBodies[key, default: []], in: items)
      } else if !isHeader, waitingHeaders[key] != nil {
        partner = Self.takePartner(of: index, from: &waitingHeaders[key, default: []], in: items)
      }
      guard let partner else {
        if isHeader {
          waitingHeaders[key, default: []].append(index)
        } else {
          waitingBodies[key, default: []].append(index)
        }
        continue
      }
      let (header, body) = isHeader ? (index, partner) : (partner, index)
      let keepsHeader = items[body].report.isTruncated && !items[header].report.isTruncated
      let (kept, dropped) = keepsHeader ? (header, body) : (body, header)
      removed.insert(dropped)
      items[kept].extent = Self.union(items[kept].extent, items[dropped].extent)
      if !items[kept].report.layers.contains(Layer.header) {
        items[kept].report.layers.append(Layer.header)
      }
    }
    return items.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
  }

  /// Removes from `waiting` and returns the nearest of its last `mergeReach` entries whose
  /// report says the same message as the report of `items[index]`.
  static func takePartner(of index: Int, from waiting: inout [Int], in items: [Found]) -> Int? {
    let report = items[index].report
    let candidates = waiting.indices.reversed().prefix(mergeReach)
    guard let found = candidates.first(where: { isSameMessage(report, items[waiting[$0]].report) })
    else { return nil }
    return waiting.remove(at: found)
  }

  /// Whether two reports of one key say the same message: the same string to sign and time,
  /// or one cut short whose string to sign starts the other's and whose time, if it has
  /// one, is the other's.
  static func isSameMessage(_ one: ServerReport, _ other: ServerReport) -> Bool {
    let oneText = Array(one.stringToSign?.text.utf8 ?? "".utf8)
    let otherText = Array(other.stringToSign?.text.utf8 ?? "".utf8)
    if one.isTruncated == other.isTruncated {
      return oneText == otherText && one.reportedTime == other.reportedTime
        && (one.stringToSign == nil) == (other.stringToSign == nil)
    }
    let (cut, whole) = one.isTruncated ? (one, other) : (other, one)
    let (cutText, wholeText) = one.isTruncated ? (oneText, otherText) : (otherText, oneText)
    return wholeText.starts(with: cutText)
      && (cut.reportedTime == nil || cut.reportedTime == whole.reportedTime)
  }

  /// The smallest range that holds both.
  static func union(_ one: Range<Int>, _ other: Range<Int>) -> Range<Int> {
    min(one.lowerBound, other.lowerBound)..<max(one.upperBound, other.upperBound)
  }

  /// The status shown nearest to `item`, within `statusReach` of its extent and twice that
  /// of the message itself, and no nearer to the messages before and after it than to this
  /// one. Nearness is to the extent first, then to the message, so that the messages of one
  /// long string that holds them all each take their own.
  func status(of item: Found, previous: Found?, next: Found?) -> Int? {
    let extent = item.extent
    let lower = max(
      min(previous?.extent.upperBound ?? 0, extent.lowerBound),
      extent.lowerBound - Self.statusReach, item.core.lowerBound - 2 * Self.statusReach, 0)
    let upper = min(
      max(next?.extent.lowerBound ?? root.count, extent.upperBound),
      extent.upperBound + Self.statusReach, item.core.upperBound + 2 * Self.statusReach)
    var statuses = HTTPStatusFinder.statuses(in: root, within: lower..<max(lower, upper))
    if let leading = HTTPStatusFinder.leadingStatus(
      before: extent.lowerBound, in: root, lowerBound: lower)
    {
      statuses.append(leading)
    }
    let own = statuses.filter { status in
      let distance = Self.distance(from: status.range, to: item)
      return previous.map { Self.distance(from: status.range, to: $0) >= distance } != false
        && next.map { Self.distance(from: status.range, to: $0) > distance } != false
    }
    return own.min {
      (Self.distance(from: $0.range, to: item), $0.range.lowerBound)
        < (Self.distance(from: $1.range, to: item), $1.range.lowerBound)
    }?.code
  }

  /// How far a status lies from a message's extent and from the message itself.
  static func distance(from range: Range<Int>, to item: Found) -> Distance {
    Distance(
      extent: distance(from: range, to: item.extent), core: distance(from: range, to: item.core))
  }

  /// How many bytes lie between two ranges; zero when they touch or overlap.
  static func distance(from range: Range<Int>, to other: Range<Int>) -> Int {
    if range.upperBound <= other.lowerBound { return other.lowerBound - range.upperBound }
    if range.lowerBound >= other.upperBound { return range.lowerBound - other.upperBound }
    return 0
  }

  /// The first 401 the paste shows as a status, as a report of its own.
  func unauthorized() -> ServerReport? {
    guard
      let status = HTTPStatusFinder.statuses(in: root, within: 0..<root.count).first(where: {
        $0.code == 401
      })
    else { return nil }
    let reasonEnd = Self.unauthorizedWord.match(
      in: root, at: TextScan.skipBlanks(in: root, from: status.range.upperBound, to: root.count),
      end: root.count)
    let span = status.range.lowerBound..<(reasonEnd ?? status.range.upperBound)
    let wrapping = Wrapping(lowerBound: 0)
    return ServerReport(
      kind: .unauthorized,
      httpStatus: 401,
      layers: layers(of: wrapping, span: span, extent: span, joinedBreaks: []),
      span: bottom.origin(of: span.lowerBound)..<bottom.origin(of: span.upperBound)
    )
  }
}
