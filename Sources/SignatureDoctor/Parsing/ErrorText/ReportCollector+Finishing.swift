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
  /// report, the body's, with the layer `x-cld-error` added. A bare 401 counts only when
  /// nothing else was found.
  func reports() -> [ServerReport] {
    var kept = found.filter { !$0.isMention }
    if kept.isEmpty {
      var kinds: Set<ServerReport.Kind> = []
      kept = found.filter { kinds.insert($0.report.kind).inserted }
    }
    kept = mergingHeaders(kept)
    kept = kept.enumerated()
      .sorted {
        ($0.element.report.span.lowerBound, $0.offset) < (
          $1.element.report.span.lowerBound, $1.offset
        )
      }
      .map(\.element)
    guard !kept.isEmpty else { return unauthorized().map { [$0] } ?? [] }

    var reports: [ServerReport] = []
    for (index, item) in kept.enumerated() {
      var report = item.report
      let previous = index > 0 ? kept[index - 1].extent : nil
      let next = index + 1 < kept.count ? kept[index + 1].extent : nil
      report.httpStatus = status(near: item.extent, previous: previous, next: next)
      reports.append(report)
    }
    return reports
  }
}

// MARK: - Steps

/// What a report says, wherever and however it was written: two reports with equal keys
/// are the same message. Texts are compared by their bytes, not by Unicode equivalence.
private struct MessageKey: Hashable {
  /// The message.
  let kind: ServerReport.Kind
  /// The signature, string to sign, parameter, API key and cloud name, as bytes.
  let texts: [[UInt8]?]
  /// Whether the copy was cut.
  let isTruncated: Bool
  /// The stale request's time.
  let reportedTime: Int?

  /// The key of what `report` says.
  init(_ report: ServerReport) {
    kind = report.kind
    texts = [
      report.signature?.text, report.stringToSign?.text, report.parameter, report.apiKey,
      report.cloudName,
    ].map { $0.map { Array($0.utf8) } }
    isTruncated = report.isTruncated
    reportedTime = report.reportedTime
  }
}

private extension ReportCollector {
  /// Folds each header report into a body report that says the same thing: the nearest
  /// one before it still unpaired, or else the next one after it.
  func mergingHeaders(_ items: [Found]) -> [Found] {
    var items = items
    var removed: Set<Int> = []
    var waitingBodies: [MessageKey: [Int]] = [:]
    var waitingHeaders: [MessageKey: [Int]] = [:]
    for index in items.indices {
      let key = MessageKey(items[index].report)
      let body: Int
      if items[index].isHeader {
        guard let waiting = waitingBodies[key]?.popLast() else {
          waitingHeaders[key, default: []].append(index)
          continue
        }
        body = waiting
        removed.insert(index)
      } else {
        guard let header = waitingHeaders[key]?.popLast() else {
          waitingBodies[key, default: []].append(index)
          continue
        }
        body = index
        removed.insert(header)
      }
      if !items[body].report.layers.contains(Layer.header) {
        items[body].report.layers.append(Layer.header)
      }
    }
    return items.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
  }

  /// The status shown nearest to `extent`, within `statusReach` of it and no nearer to
  /// the messages before and after it than to this one.
  func status(near extent: Range<Int>, previous: Range<Int>?, next: Range<Int>?) -> Int? {
    let lower = max(
      min(previous?.upperBound ?? 0, extent.lowerBound), extent.lowerBound - Self.statusReach, 0)
    let upper = min(
      max(next?.lowerBound ?? root.count, extent.upperBound), extent.upperBound + Self.statusReach)
    var statuses = HTTPStatusFinder.statuses(in: root, within: lower..<max(lower, upper))
    if let leading = HTTPStatusFinder.leadingStatus(
      before: extent.lowerBound, in: root, lowerBound: lower)
    {
      statuses.append(leading)
    }
    let own = statuses.filter { status in
      let distance = Self.distance(from: status.range, to: extent)
      return previous.map { Self.distance(from: status.range, to: $0) >= distance } != false
        && next.map { Self.distance(from: status.range, to: $0) > distance } != false
    }
    return own.min {
      (Self.distance(from: $0.range, to: extent), $0.range.lowerBound)
        < (Self.distance(from: $1.range, to: extent), $1.range.lowerBound)
    }?.code
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
