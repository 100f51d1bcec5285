// How signers write a wrapper around the parameters, and how a Ruby hash the server wrote
// reads back as the flat value a PHP signer would have signed.

extension NestedDataRule {
  /// A wrapper a signer was handed instead of the parameters, as it writes the wrapper.
  enum Wrapper: CaseIterable {
    /// Node's `{data: params}`: an object's text is `[object Object]`.
    case nodeObject
    /// Python's `{'data': params}` from a JSON body: `str()` of a dict, numbers and
    /// booleans unquoted.
    case pythonDict
    /// Ruby's `{data: params}` from a JSON body: `Hash#inspect` before Ruby 3.4, numbers and
    /// booleans unquoted.
    case rubyHash
    /// The same from form fields, where every value is a string.
    case rubyFormHash
    /// PHP 1.x's `array($params)`: key `0`, the inner array's values joined with commas.
    case phpValues
    /// PHP 1.x's array inside an array inside an array: key `0`, value `Array`.
    case phpArray

    /// The mistake, as a phrase after "the client's signer".
    var summary: String {
      switch self {
      case .nodeObject:
        "signed the parameters wrapped in one object, as Node signs {data: params} (data=[object Object])"
      case .pythonDict:
        "signed the parameters wrapped in one dict, as Python signs {'data': params} (data={'…': …})"
      case .rubyHash:
        "signed the parameters wrapped in one hash, as Ruby signs {data: params} (data={\"…\"=>…})"
      case .rubyFormHash:
        "signed the parameters wrapped in one hash of strings, as Ruby signs {data: params} from a form "
          + "(data={\"…\"=>\"…\"})"
      case .phpValues:
        "signed the parameters inside another array, as PHP 1.x signs array($params) (0=<the values>)"
      case .phpArray:
        "signed the parameters two arrays deep, as PHP 1.x signs them (0=Array)"
      }
    }

    /// Whether the signer writes the wrapped keys in the order they were given, which a
    /// dict, a hash and a PHP array keep.
    var keepsKeyOrder: Bool {
      switch self {
      case .pythonDict, .rubyHash, .rubyFormHash, .phpValues: true
      case .nodeObject, .phpArray: false
      }
    }

    /// The one pair the signer writes for the pairs `wrapped`, given as escaped pair texts.
    func pair(wrapping wrapped: [String]) -> String {
      let members = wrapped.map { text in
        let key = String(text.prefix { $0 != "=" })
        return (key: key, value: String(text.dropFirst(key.count + 1)).replacingAll("%26", with: "&"))
      }
      switch self {
      case .nodeObject:
        return "data=[object Object]"
      case .pythonDict:
        let items = members.map { Self.pythonRepr($0.key) + ": " + Self.pythonLiteral($0.value) }
        return StringToSign.pair("data", "{" + items.joined(separator: ", ") + "}", version: .v2)
      case .rubyHash:
        let items = members.map { RubyInspection.quoted($0.key) + "=>" + Self.rubyLiteral($0.value) }
        return StringToSign.pair("data", "{" + items.joined(separator: ", ") + "}", version: .v2)
      case .rubyFormHash:
        let map = ParameterValue.map(members.map { Parameter($0.key, .string($0.value)) })
        return StringToSign.pair("data", RubyInspection.render(map), version: .v2)
      case .phpValues:
        return "0=" + members.map(\.value).joined(separator: ",")
      case .phpArray:
        return "0=Array"
      }
    }

    /// Whether text came from a JSON number a decoder keeps as an integer.
    static func isInteger(_ text: String) -> Bool {
      !text.isEmpty && text.utf8.count <= 18 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
        && (text == "0" || !text.hasPrefix("0"))
    }

    /// A value as Python writes it inside a dict: an integer or a boolean bare, text quoted.
    static func pythonLiteral(_ value: String) -> String {
      switch value {
      case "true": "True"
      case "false": "False"
      case _ where isInteger(value): value
      default: pythonRepr(value)
      }
    }

    /// A value as Ruby's `inspect` writes it inside a hash: an integer or a boolean bare,
    /// text quoted.
    static func rubyLiteral(_ value: String) -> String {
      value == "true" || value == "false" || isInteger(value) ? value : RubyInspection.quoted(value)
    }

    /// Python's `repr` of a string: single quotes unless the text holds one and no double
    /// quote; backslash escapes for the quote, backslashes and characters Python does not
    /// print.
    static func pythonRepr(_ text: String) -> String {
      let quote: Unicode.Scalar = text.contains("'") && !text.contains("\"") ? "\"" : "'"
      var result = String(quote)
      for scalar in text.unicodeScalars {
        switch scalar {
        case quote, "\\": result += "\\" + String(scalar)
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar != " " && VisibleText.needsEscape(scalar):
          result += Self.pythonEscape(scalar.value)
        default: result.unicodeScalars.append(scalar)
        }
      }
      return result + String(quote)
    }

    /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as Python escapes a character it does not print.
    static func pythonEscape(_ value: UInt32) -> String {
      let (prefix, width) = value <= 0xFF ? ("\\x", 2) : value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
      let digits = String(value, radix: 16)
      return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
  }

  /// Reads a structure the server wrote with Ruby's `inspect` (`{"0"=>"60", "1"=>"x"}`,
  /// `["a", "b"]`) back into the values a PHP 1.x signer joins for the same array. Escaped
  /// quotes are read with or without their backslash (see `Reader.closes()`).
  enum RubyHashReader {
    /// The top-level values in order, each as PHP turns it into text (a string as it is,
    /// `nil` as empty, a nested structure as `Array`); `nil` when the text is not one whole
    /// hash or array, as when the paste cut it off.
    static func flatValues(of text: String) -> [String]? {
      var reader = Reader(scalars: Array(text.unicodeScalars))
      guard case .structure(let values)? = reader.value(depth: 0), reader.isAtEnd else { return nil }
      return values.map { value in
        switch value {
        case .text(let text): text
        case .structure: "Array"
        }
      }
    }

    enum Node {
      case text(String)
      case structure([Node])
    }

    struct Reader {
      let scalars: [Unicode.Scalar]
      var index = 0

      var isAtEnd: Bool { index == scalars.count }

      /// A value: a hash or array (their values only), a quoted string, or a bare word such
      /// as a number, `true` or `nil`.
      mutating func value(depth: Int) -> Node? {
        guard depth < 32, index < scalars.count else { return nil }
        switch scalars[index] {
        case "{": return members(closing: "}", depth: depth, keyed: true)
        case "[": return members(closing: "]", depth: depth, keyed: false)
        case "\"": return quoted().map(Node.text)
        default:
          let start = index
          while index < scalars.count, !",}] =".unicodeScalars.contains(scalars[index]) { index += 1 }
          guard index > start else { return nil }
          let word = String(String.UnicodeScalarView(scalars[start..<index]))
          return .text(word == "nil" ? "" : word)
        }
      }

      mutating func members(closing: Unicode.Scalar, depth: Int, keyed: Bool) -> Node? {
        index += 1
        var values: [Node] = []
        skipSpaces()
        if index < scalars.count, scalars[index] == closing {
          index += 1
          return .structure(values)
        }
        while true {
          if keyed {
            guard value(depth: depth + 1) != nil else { return nil }
            skipSpaces()
            guard skip("=>") else { return nil }
            skipSpaces()
          }
          guard let member = value(depth: depth + 1) else { return nil }
          values.append(member)
          skipSpaces()
          if skip(",") {
            skipSpaces()
          } else if skip(String(closing)) {
            return .structure(values)
          } else {
            return nil
          }
        }
      }

      mutating func quoted() -> String? {
        index += 1
        var text = String.UnicodeScalarView()
        while index < scalars.count {
          let scalar = scalars[index]
          index += 1
          switch scalar {
          case "\"" where closes():
            return String(text)
          case "\\":
            guard index < scalars.count else { return nil }
            let escaped = scalars[index]
            index += 1
            switch escaped {
            case "n": text.append("\n")
            case "r": text.append("\r")
            case "t": text.append("\t")
            default: text.append(escaped)
            }
          default:
            text.append(scalar)
          }
        }
        return nil
      }

      /// Whether the quote just read ends the string: what follows it ends a member. A
      /// paste that went through JSON has lost the backslash of `\"`, so a quote followed by
      /// anything else is taken as part of the text.
      func closes() -> Bool {
        var next = index
        while next < scalars.count, scalars[next] == " " { next += 1 }
        guard next < scalars.count else { return true }
        return ",}]".unicodeScalars.contains(scalars[next])
          || (scalars[next] == "=" && next + 1 < scalars.count && scalars[next + 1] == ">")
      }

      mutating func skipSpaces() {
        while index < scalars.count, scalars[index] == " " { index += 1 }
      }

      mutating func skip(_ literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard scalars[index...].starts(with: wanted) else { return false }
        index += wanted.count
        return true
      }
    }
  }
}
