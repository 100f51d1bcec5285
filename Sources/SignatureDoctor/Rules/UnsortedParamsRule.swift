/// Reads the order of a string to sign the client logged, and otherwise only suspects: the
/// order of parameters given as an object shows nothing, since a sorting signer reorders
/// them. Its hypotheses are the pairs in the client's own order, sorted by key instead of by
/// whole pair (or the other way round), ignoring letter case, reversed (each also after
/// another mistake), and every other order of the server's own pairs when there are at most
/// six. Missing, extra or changed pairs are left to the other comparing rules.
struct UnsortedParamsRule: PlanningRule {
  static let description = RuleDescription(
    slug: "unsorted-params",
    code: "SD013",
    title: "The pairs were not sorted before signing",
    explanation: RuleExplanation(
      whatHappened: """
        The signer joined the `key=value` pairs in an order other than sorted: in the order \
        the parameters were given (a JavaScript object, a PHP array and a .NET `Dictionary` \
        all keep the order of insertion), sorted while ignoring letter case, reversed, or \
        sorted by key where the whole pair was due (or the other way round, which matters \
        only when one key is the start of another, as `a` and `a1`). Given the secret, sigdoc \
        tries these orders and every order of up to six pairs; with more pairs it recognises \
        only the named orders.
        """,
      whyRefused: """
        The server sorts the pairs before joining them with `&`. The same pairs in another \
        order make another string, and so another digest.
        """,
      howToFix: """
        Sort the pairs by code point (byte order of UTF-8) before joining them, as the SDKs' \
        signing helpers do, or let such a helper build the string.
        """,
      sdkNotes: [
        (".NET", "`SignParameters` does not sort: pass a `SortedDictionary<string, object>` built with "
          + "`StringComparer.Ordinal`; the default comparer is culture-sensitive."),
        ("PHP", "call `ksort($params)` before joining, or use `ApiUtils::signParameters`, which sorts."),
        ("Node", "`api_sign_request` sorts keys with `localeCompare`, which for lower-case keys with `_`, as "
          + "Cloudinary's are, gives code-point order."),
        ("Hand-written signers", "sort the keys; an object or map keeps the order its keys were added in."),
      ]
    ),
    triggering: [
      RuleExample(
        error: "Invalid Signature ↓{{sign:timestamp=1685544028&public_id=b&folder=a}}. String to sign - "
          + "'folder=a&public_id=b&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:timestamp=1685544025&upload_preset=ugc&folder=a}}. String to sign - "
          + "'folder=a&source=uw&timestamp=1685544025&upload_preset=ugc'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:timestamp=1685544025&folder=pets&public_id=cat}}. "
          + "String to sign - 'folder=pets&public_id=cat&timestamp=1685544025'.",
        params: #"{"timestamp": 1685544025, "folder": "pets", "public_id": "cat"}"#,
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:timestamp=1685544025&public_id=cat&folder=pets}}. "
          + "String to sign - 'folder=pets&public_id=cat&timestamp=1685544025'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:public_id=cat&folder=pets&timestamp=1685544025&tags=a,b}}. "
          + "String to sign - 'folder=pets&public_id=cat&tags=a,b&timestamp=1685544025'.",
        withSecret: true, isVerified: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:a=y&a1=x&timestamp=1685544025}}. String to sign - "
          + "'a1=x&a=y&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
      RuleExample(
        error: "Invalid Signature ↓{{sign:a1=x&a=y&timestamp=1685544025}}. String to sign - "
          + "'a=y&a1=x&timestamp=1685544025'.",
        withSecret: true, isVerified: true, excludeFromDocs: true),
    ],
    nonTriggering: [
      RuleExample(
        error: "Invalid Signature {{sign:folder=pets&public_id=cat&timestamp=1685544025}}. String to sign - "
          + "'folder=pets&public_id=cat&timestamp=1685544025'.",
        params: #"{"timestamp": 1685544025, "folder": "pets", "public_id": "cat"}"#, withSecret: true),
      RuleExample(
        error: "Invalid Signature 0123456789abcdef0123456789abcdef01234567. String to sign - "
          + "'folder=pets&public_id=cat&timestamp=1685544025'.",
        params: #"{"timestamp": 1685544025, "folder": "pets", "public_id": "cat"}"#),
      RuleExample(
        error: "Invalid Signature {{sign:b=2&a=1&c=3&d=4&e=5&f=6&g=7}}. String to sign - "
          + "'a=1&b=2&c=3&d=4&e=5&f=6&g=7'.",
        withSecret: true, excludeFromDocs: true),
    ]
  )

  func evaluate(_ evidence: Evidence) -> [Finding] {
    guard evidence.client?.format == .stringToSign else { return [] }
    let pairs = evidence.clientPairs
    let texts = pairs.map { $0.key + "=" + ($0.value ?? "") }
    guard
      let index = texts.indices.dropFirst().first(where: {
        StringToSign.precedes(texts[$0], texts[$0 - 1])
      })
    else { return [] }
    let moved = VisibleText(texts[index]).text
    let before = VisibleText(texts[index - 1]).text
    let note = EvidenceNote(
      "In the string the client logged, \(moved) follows \(before), though it sorts before it.",
      at: evidence.location(ofClientPair: pairs[index])
    )
    guard !Self.isSortedByKey(texts) else {
      return [Self.finding(
        confidence: 0.5,
        summary: "The string the client logged is sorted by key, not by whole pair: \(moved) "
          + "follows \(before); this matters only where one key is the start of another.",
        evidence: [note],
        fix: Self.description.explanation.howToFix)]
    }
    return [Self.finding(
      confidence: 0.9,
      summary: "The string the client logged is not sorted: \(moved) follows \(before).",
      evidence: [note],
      fix: Self.description.explanation.howToFix)]
  }
}

// MARK: - Hypotheses

extension UnsortedParamsRule {
  /// Each order as an edit. A named order applies only to a candidate still sorted (or in
  /// the server's order), and a permutation only to the server's own pairs, so that two
  /// orders are never stacked.
  static func plan(_ evidence: Evidence) -> [PlannedEdit] {
    let serverKeys = evidence.serverPairs.map(\.key)
    guard serverKeys.count > 1 else { return [] }
    var orders: [(summary: String, order: @Sendable ([String]) -> [String])] = []

    if !evidence.clientPairs.isEmpty {
      let clientKeys = evidence.clientPairs.map(\.key)
      var rank: [ExactText: Int] = [:]
      for (index, key) in clientKeys.enumerated() where rank[ExactText(key)] == nil {
        rank[ExactText(key)] = index
      }
      let shared = clientKeys.filter { evidence.serverPair($0) != nil }
      let shown = shared.prefix(8).map { VisibleText($0).text }.joined(separator: ", ")
        + (shared.count > 8 ? ", …" : "")
      orders.append(("joined the pairs in the order the client gave them (\(shown))", { [rank] pairs in
        ranked(pairs) { rank[ExactText(key(of: $0))] ?? clientKeys.count }
      }))
    }
    orders += namedOrders
    var edits = orders.map { summary, order in
      Edit(rule: slug, summary: summary) { candidate in
        reordered(candidate, serverKeys: serverKeys, by: order)
      }
    }

    // Every other order of the server's own pairs; each candidate is built only when tried.
    // NB: the engine offers each order to every other mistake's candidate too, hundreds of
    // thousands of calls, so the test that turns those away must be cheap: a changed pair
    // or order fails it at its first difference.
    if serverKeys.count <= permutedPairs, Set(serverKeys).count == serverKeys.count {
      let server = evidence.serverPairs.map(\.text)
      let count = (1...serverKeys.count).reduce(1, *)
      for rank in 1..<count {
        let positions = permutation(rank, of: serverKeys.count)
        let shown = positions.map { VisibleText(serverKeys[$0]).text }.joined(separator: ", ")
        let summary = "joined the pairs in the order \(shown)"
        edits.append(Edit(rule: slug, summary: summary, isExhaustive: true) { candidate in
          guard candidate.keepsOrder, candidate.pairs.count == server.count else { return nil }
          for index in server.indices where candidate.pairs[index] != server[index] { return nil }
          let pairs = positions.map { candidate.pairs[$0] }
          return Candidate(pairs: pairs, keepsOrder: true, transform: candidate.transform)
        })
      }
    }
    return edits.map { PlannedEdit(edit: $0, notes: []) }
  }

  /// Every other order of a candidate of a few pairs that holds another mistake already,
  /// such as a widget signer that dropped `source=uw` and joined an object's keys in their
  /// order.
  func variations(of candidate: Candidate) -> [(summary: String, candidate: Candidate)] {
    let current = Self.order(of: candidate)
    let keys = current.map(Self.key(of:))
    guard candidate.transform == nil, (2...Self.permutedPairs).contains(current.count),
      Set(keys).count == keys.count
    else { return [] }
    let count = (1...current.count).reduce(1, *)
    let visibleKeys = keys.map { VisibleText($0).text }
    return (1..<count).map { rank in
      let positions = Self.permutation(rank, of: current.count)
      let shown = positions.map { visibleKeys[$0] }.joined(separator: ", ")
      let pairs = positions.map { current[$0] }
      return ("joined the pairs in the order \(shown)", Candidate(pairs: pairs, keepsOrder: true))
    }
  }

  /// The sent signature: a new order of the same pairs changes no pair of its own.
  static func proofLocation(_ evidence: Evidence) -> EvidenceLocation? {
    evidence.sentSignatureLocation
  }
}

private extension UnsortedParamsRule {
  /// The most pairs whose every order is tried: 6! = 720 orders.
  static let permutedPairs = 6

  /// The orders a signer may have used instead of sorting whole pairs by code point.
  static let namedOrders: [(summary: String, order: @Sendable ([String]) -> [String])] = [
    ("sorted the pairs by key instead of by whole pair", { pairs in
      pairs.sortedStably { StringToSign.precedes(key(of: $0), key(of: $1)) }
    }),
    ("sorted the whole pairs instead of by key", { $0.sorted { StringToSign.precedes($0, $1) } }),
    ("sorted the pairs ignoring letter case", { pairs in
      pairs.sortedStably { StringToSign.precedes($0.lowercased(), $1.lowercased()) }
    }),
    ("joined the pairs in reverse order", { $0.reversed() }),
  ]

  /// The candidate joined in the order `reorder` gives, or `nil` when that changes nothing or
  /// the candidate was reordered already.
  static func reordered(
    _ candidate: Candidate,
    serverKeys: [String],
    by reorder: ([String]) -> [String]
  ) -> Candidate? {
    let current = order(of: candidate)
    let keys = current.map(key(of:))
    let isSorted = zip(current, current.dropFirst()).allSatisfy { !StringToSign.precedes($1, $0) }
    guard isSorted || isSortedByKey(current) || keys == serverKeys else { return nil }
    let changed = reorder(current)
    guard changed != current else { return nil }
    return Candidate(pairs: changed, keepsOrder: true, transform: candidate.transform)
  }

  /// The pairs in the order the candidate joins them.
  static func order(of candidate: Candidate) -> [String] {
    candidate.keepsOrder ? candidate.pairs : candidate.pairs.sorted(by: StringToSign.precedes)
  }

  static func key(of pair: String) -> String {
    String(pair.prefix { $0 != "=" })
  }

  static func isSortedByKey(_ pairs: [String]) -> Bool {
    let keys = pairs.map(key(of:))
    return zip(keys, keys.dropFirst()).allSatisfy { !StringToSign.precedes($1, $0) }
  }

  /// The pairs ordered by `rank`, keeping the given order among equal ranks.
  static func ranked(_ pairs: [String], by rank: (String) -> Int) -> [String] {
    pairs.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
  }

  /// The permutation of `0..<count` at `index` in lexicographic order, read from `index`
  /// written in the factorial number system.
  static func permutation(_ index: Int, of count: Int) -> [Int] {
    var remaining = Array(0..<count)
    var rest = index
    var factorial = (1..<max(1, count)).reduce(1, *)
    var result: [Int] = []
    for place in stride(from: count - 1, through: 0, by: -1) {
      let digit = rest / factorial
      rest %= factorial
      result.append(remaining.remove(at: digit))
      factorial /= max(1, place)
    }
    return result
  }
}

private extension Array where Element == String {
  /// The elements sorted by `precedes`, equal ones kept in their order.
  func sortedStably(by precedes: (String, String) -> Bool) -> [String] {
    enumerated().sorted { lhs, rhs in
      precedes(lhs.element, rhs.element) || (!precedes(rhs.element, lhs.element) && lhs.offset < rhs.offset)
    }.map(\.element)
  }
}
