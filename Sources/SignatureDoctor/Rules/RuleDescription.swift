/// What a rule is, for people: its names, its explanation and its examples.
///
/// One value serves as the documentation `sigdoc explain` prints, the page under
/// docs/rules/, and the test cases `RuleExampleTests` runs.
public struct RuleDescription: Sendable {
  /// The stable name, in kebab case; never changed once released.
  public let slug: String
  /// The stable code, such as `SD007`; never reused.
  public let code: String
  /// One line, without a final period.
  public let title: String
  /// The long explanation.
  public let explanation: RuleExplanation
  /// Inputs that must make the rule fire.
  public let triggering: [RuleExample]
  /// Inputs that must not.
  public let nonTriggering: [RuleExample]

  public init(
    slug: String,
    code: String,
    title: String,
    explanation: RuleExplanation,
    triggering: [RuleExample],
    nonTriggering: [RuleExample]
  ) {
    self.slug = slug
    self.code = code
    self.title = title
    self.explanation = explanation
    self.triggering = triggering
    self.nonTriggering = nonTriggering
  }
}

/// The long explanation of a rule, in fixed sections.
public struct RuleExplanation: Sendable {
  /// What the client did.
  public let whatHappened: String
  /// Why Cloudinary refused it.
  public let whyRefused: String
  /// What to change.
  public let howToFix: String
  /// How the fix reads in each SDK or setting where it differs: (name, note).
  public let sdkNotes: [(sdk: String, note: String)]

  public init(
    whatHappened: String,
    whyRefused: String,
    howToFix: String,
    sdkNotes: [(sdk: String, note: String)] = []
  ) {
    self.whatHappened = whatHappened
    self.whyRefused = whyRefused
    self.howToFix = howToFix
    self.sdkNotes = sdkNotes
  }
}

/// An input a rule is tested on, written where the rule is.
///
/// In `error` and `params`, `↓` marks where the rule's evidence must point; the markers are
/// removed before the text is read, so they cannot appear in real inputs. In `error`,
/// `{{sign:S}}` stands for the signature of S under the example secret (SHA-1, or
/// `{{sign256:S}}` for SHA-256), computed when the example runs, so that no signature is
/// written by hand.
public struct RuleExample: Sendable {
  /// The pasted error text.
  public let error: String
  /// The client's parameters, if any.
  public let params: String?
  /// Whether the example secret is given.
  public let withSecret: Bool
  /// `--now`, if any.
  public let now: Int?
  /// For a triggering example: whether the finding must be verified.
  public let isVerified: Bool
  /// Whether the example is a test case only, left out of the documentation.
  public let excludeFromDocs: Bool
  /// Where the example is written, for failure messages.
  public let fileID: String
  public let line: Int

  public init(
    error: String,
    params: String? = nil,
    withSecret: Bool = false,
    now: Int? = nil,
    isVerified: Bool = false,
    excludeFromDocs: Bool = false,
    fileID: String = #fileID,
    line: Int = #line
  ) {
    self.error = error
    self.params = params
    self.withSecret = withSecret
    self.now = now
    self.isVerified = isVerified
    self.excludeFromDocs = excludeFromDocs
    self.fileID = fileID
    self.line = line
  }

  /// The marker for expected evidence positions.
  public static let marker: Character = "↓"
  /// The example secret; it is made up.
  public static let secret = "sigdoc-example-secret-00"
}

extension RuleExample {
  /// The API key rule examples run with; it is made up.
  public static let apiKey = "123456789012345"

  /// `text` as it is pasted: each signature template replaced by the signature it stands
  /// for, and each `↓` removed, with the byte offsets where the markers stood.
  ///
  /// A template is `{{sign:S}}`: the signature of the string S under the example secret
  /// (a last `}` of S stands before the template's `}}`),
  /// SHA-1, lower-case hex, as Cloudinary wants it. Modifiers between `sign` and the colon,
  /// each after a `/`, change how it is made, so that examples of each mistake are signed
  /// by the code rather than by hand:
  /// `sha256`; `hmac` (HMAC keyed with the secret); `first` (the secret before S);
  /// `after=N` (the secret after the Nth pair); `newline`, `crlf`, `space`, `quoted`
  /// (the secret followed by a line feed, CR LF, a space, or in double quotes);
  /// `cut=N` (the secret's first N characters); `apikey` (the API key as the secret);
  /// `upper` (upper-case hex); `base64`.
  public static func expand(_ text: String) -> (text: String, markers: [Int]) {
    var output = ""
    var markers: [Int] = []
    var rest = Substring(text)
    while let first = rest.first {
      if first == marker {
        markers.append(output.utf8.count)
        rest = rest.dropFirst()
      } else if rest.hasPrefix("{{sign"), var close = rest.range(of: "}}") {
        // A string that ends with `}` (a dict's repr) closes its template with `}}}`.
        while close.upperBound < rest.endIndex, rest[close.upperBound] == "}" {
          close = rest.index(after: close.lowerBound)..<rest.index(after: close.upperBound)
        }
        let template = rest[rest.index(rest.startIndex, offsetBy: 2)..<close.lowerBound]
        let head = template.prefix { $0 != ":" }
        let modifiers = head.split(separator: "/").dropFirst().map(String.init)
        output += exampleSignature(of: String(template.dropFirst(head.count + 1)), modifiers: modifiers)
        rest = rest[close.upperBound...]
      } else {
        output.append(first)
        rest = rest.dropFirst()
      }
    }
    return (output, markers)
  }

  /// The signature of `string` made as `modifiers` say (see `expand`).
  static func exampleSignature(of string: String, modifiers: [String]) -> String {
    var key = Array(secret.utf8)
    var algorithm = DigestAlgorithm.sha1
    var recipe = Recipe.plain
    var encoding = "hex"
    for modifier in modifiers {
      let parts = modifier.split(separator: "=", maxSplits: 1).map(String.init)
      let number = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
      switch parts[0] {
      case "sha256": algorithm = .sha256
      case "hmac": recipe = .hmac
      case "first": recipe = .secretFirst
      case "after": recipe = .secretAfterPair(max(0, number - 1))
      case "newline": key += [0x0A]
      case "crlf": key += [0x0D, 0x0A]
      case "space": key += [0x20]
      case "quoted": key = [UInt8(ascii: "\"")] + key + [UInt8(ascii: "\"")]
      case "cut": key = Array(key.prefix(number))
      case "apikey": key = Array(apiKey.utf8)
      case "upper", "base64": encoding = parts[0]
      default: break
      }
    }
    let message = Array(string.utf8)
    let ends = Recipe.pairEnds(of: string.split(separator: "&", omittingEmptySubsequences: false))
    let digester = OpenSSLDigester()
    let digest: Digest?
    switch recipe {
    case .plain: digest = try? digester.digest(of: message, followedBy: key, using: algorithm)
    case .hmac: digest = try? HMACState(algorithm, key: key).authenticationCode(for: message)
    case .secretFirst: digest = try? digester.digest(of: key, followedBy: message, using: algorithm)
    case .secretAfterPair(let index):
      let cut = ends[min(index, ends.count - 1)]
      digest = try? digester.digest(
        of: Array(message[..<cut]) + key,
        followedBy: Array(message[cut...]),
        using: algorithm
      )
    }
    guard let digest else { return "" }
    switch encoding {
    case "upper": return digest.upperHex
    case "base64": return digest.base64
    default: return digest.hex
    }
  }
}

extension Substring {
  /// The range of the first occurrence of `needle`, compared by Unicode scalars.
  func range(of needle: String) -> Range<Index>? {
    var index = startIndex
    while index < endIndex {
      if self[index...].unicodeScalars.starts(with: needle.unicodeScalars) {
        return index..<self.index(index, offsetBy: needle.count)
      }
      index = self.index(after: index)
    }
    return nil
  }
}
