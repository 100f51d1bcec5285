/// One mistake a rule suspects, as a change to the string the client should have signed.
public struct Edit: Sendable {
  /// The rule that suspects it.
  public let rule: String
  /// What the mistake is, as a phrase: "left out source=uw".
  public let summary: String
  /// The change; `nil` when it does not apply to the candidate given.
  public let apply: @Sendable (Candidate) -> Candidate?
  /// Whether the edit is one of many enumerated blindly (every order of the pairs), which
  /// the costliest stages leave out so that likelier mistakes keep their budget.
  public let isExhaustive: Bool

  public init(
    rule: String,
    summary: String,
    isExhaustive: Bool = false,
    apply: @escaping @Sendable (Candidate) -> Candidate?
  ) {
    self.rule = rule
    self.summary = summary
    self.isExhaustive = isExhaustive
    self.apply = apply
  }
}

/// A mistake with a value to find: the client signed another value for `key`, one of many.
public struct ValueSearch: Sendable {
  /// The rule that suspects it.
  public let rule: String
  /// What is searched, as a phrase: "signed another timestamp".
  public let summary: String
  /// The key whose value varies.
  public let key: String
  /// How many values are tried.
  public let count: Int
  /// The value tried at each index.
  public let value: @Sendable (Int) -> String
  /// How a found value reads in a report: "1685544017, 8 seconds before the one sent".
  public let describe: @Sendable (Int) -> String
  /// For a search over whole numbers, the number at each index, which the hot loop writes
  /// as digits without building a string.
  let integer: (@Sendable (Int) -> Int)?

  /// A search over whole numbers, such as timestamps.
  public init(
    rule: String,
    summary: String,
    key: String,
    count: Int,
    integer: @escaping @Sendable (Int) -> Int,
    describe: @escaping @Sendable (Int) -> String
  ) {
    self.rule = rule
    self.summary = summary
    self.key = key
    self.count = count
    self.value = { String(integer($0)) }
    self.integer = integer
    self.describe = describe
  }

  public init(
    rule: String,
    summary: String,
    key: String,
    count: Int,
    value: @escaping @Sendable (Int) -> String,
    describe: @escaping @Sendable (Int) -> String
  ) {
    self.rule = rule
    self.summary = summary
    self.key = key
    self.count = count
    self.value = value
    self.integer = nil
    self.describe = describe
  }
}

/// A way the client may have held the secret wrong.
public struct SecretVariant: Hashable, Sendable {
  /// The rule that suspects it.
  public let rule: String
  /// What was done to the secret: "followed by a line feed".
  public let summary: String
  /// The bytes to digest in the secret's place, made from the given secret's bytes and
  /// the API key.
  let make: Make

  enum Make: Hashable, Sendable {
    case exact
    case suffix([UInt8])
    case prefix([UInt8])
    case wrap([UInt8], [UInt8])
    case trimmed
    case cutTo(Int)
    case apiKey(String)
    case withoutTrailingLineBreak
  }

  /// The secret as the client held it, or `nil` when the variant does not apply.
  func bytes(of secret: [UInt8]) -> [UInt8]? {
    switch make {
    case .exact: return secret
    case .suffix(let suffix): return secret + suffix
    case .prefix(let prefix): return prefix + secret
    case .wrap(let before, let after): return before + secret + after
    case .trimmed:
      let trimmable: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "\""), UInt8(ascii: "'")]
      let front = secret.drop { trimmable.contains($0) }
      let core = Array(front.reversed().drop { trimmable.contains($0) }.reversed())
      return core == secret || core.isEmpty ? nil : core
    case .cutTo(let length): return length < secret.count && length > 0 ? Array(secret.prefix(length)) : nil
    case .apiKey(let key): return Array(key.utf8)
    case .withoutTrailingLineBreak:
      guard secret.last == 0x0A || secret.last == 0x0D else { return nil }
      return Array(secret.reversed().drop { $0 == 0x0A || $0 == 0x0D }.reversed())
    }
  }

  /// The secret as given.
  public static let exact = SecretVariant(rule: "", summary: "as given", make: .exact)

  /// Whether the variant is the secret given to sigdoc with stray bytes removed: a match
  /// then says sigdoc's copy was dirty, not that the client held the secret wrong.
  var isCleanup: Bool {
    switch make {
    case .trimmed, .withoutTrailingLineBreak: true
    default: false
    }
  }
}

/// How the digest was formed from the string and the secret.
public enum Recipe: Hashable, Sendable {
  /// The digest of the string followed by the secret: what Cloudinary checks.
  case plain
  /// HMAC keyed with the secret over the string.
  case hmac
  /// The digest of the secret followed by the string.
  case secretFirst
  /// The secret written right after the pair at this index, before the rest.
  case secretAfterPair(Int)

  /// The rule a recipe other than `.plain` belongs to.
  static let rule = "digest-construction"

  /// Where each pair ends in the pairs joined with `&`, as `secretAfterPair` cuts them.
  static func pairEnds<Pairs: Sequence>(of pairs: Pairs) -> [Int] where Pairs.Element: StringProtocol {
    var ends: [Int] = []
    var end = 0
    for pair in pairs {
      end += pair.utf8.count
      ends.append(end)
      end += 1
    }
    return ends
  }
}
