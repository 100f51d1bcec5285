import Foundation

/// Validates JSON against a JSON Schema (draft 04), for the keywords the SARIF 2.1.0 schema
/// uses: type, properties, required, additionalProperties, items, minItems, uniqueItems,
/// enum, minimum, pattern, anyOf, oneOf, allOf and `$ref` into `definitions`. Other
/// keywords (description, default, format) do not constrain.
struct JSONSchemaValidator {
  let root: [String: Any]

  init(schema: Any) {
    root = schema as? [String: Any] ?? [:]
  }

  /// The problems found, each as `path: message`; empty when the value is valid.
  func validate(_ value: Any) -> [String] {
    var problems: [String] = []
    check(value, against: root, path: "$", problems: &problems)
    return problems
  }

  private func resolve(_ schema: [String: Any]) -> [String: Any] {
    guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/") else { return schema }
    var node: Any = root
    for component in reference.dropFirst(2).split(separator: "/") {
      node = (node as? [String: Any])?[String(component)] ?? [:]
    }
    return resolve(node as? [String: Any] ?? [:])
  }

  private func check(_ value: Any, against raw: [String: Any], path: String, problems: inout [String]) {
    let schema = resolve(raw)
    if let type = schema["type"] {
      let types = (type as? [String]) ?? [(type as? String) ?? ""]
      guard types.contains(where: { matches(value, type: $0) }) else {
        problems.append("\(path): expected \(types.joined(separator: " or ")), found \(describe(value))")
        return
      }
    }
    if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { equal($0, value) }) {
      problems.append("\(path): \(describe(value)) is not one of the allowed values")
    }
    if let minimum = schema["minimum"] as? Double, let number = value as? NSNumber, number.doubleValue < minimum {
      problems.append("\(path): \(number) is below the minimum \(minimum)")
    }
    if let pattern = schema["pattern"] as? String, let text = value as? String,
      text.range(of: pattern, options: .regularExpression) == nil
    {
      problems.append("\(path): '\(text)' does not match \(pattern)")
    }
    if let object = value as? [String: Any] { checkObject(object, schema, path: path, problems: &problems) }
    if let array = value as? [Any] { checkArray(array, schema, path: path, problems: &problems) }
    for keyword in ["anyOf", "oneOf"] {
      guard let options = schema[keyword] as? [[String: Any]] else { continue }
      let passing = options.filter { option in
        var scratch: [String] = []
        check(value, against: option, path: path, problems: &scratch)
        return scratch.isEmpty
      }.count
      if passing == 0 || (keyword == "oneOf" && passing > 1) {
        problems.append("\(path): \(passing) of the \(keyword) alternatives match")
      }
    }
    for option in schema["allOf"] as? [[String: Any]] ?? [] {
      check(value, against: option, path: path, problems: &problems)
    }
  }

  private func checkObject(_ object: [String: Any], _ schema: [String: Any], path: String, problems: inout [String]) {
    for key in schema["required"] as? [String] ?? [] where object[key] == nil {
      problems.append("\(path): missing required property '\(key)'")
    }
    let properties = schema["properties"] as? [String: Any] ?? [:]
    for (key, member) in object.sorted(by: { $0.key < $1.key }) {
      if let propertySchema = properties[key] as? [String: Any] {
        check(member, against: propertySchema, path: "\(path).\(key)", problems: &problems)
      } else if let additional = schema["additionalProperties"] {
        if let allowed = additional as? Bool, !allowed {
          problems.append("\(path): property '\(key)' is not allowed")
        } else if let additionalSchema = additional as? [String: Any] {
          check(member, against: additionalSchema, path: "\(path).\(key)", problems: &problems)
        }
      }
    }
  }

  private func checkArray(_ array: [Any], _ schema: [String: Any], path: String, problems: inout [String]) {
    if let minimum = schema["minItems"] as? Int, array.count < minimum {
      problems.append("\(path): \(array.count) items, fewer than \(minimum)")
    }
    if schema["uniqueItems"] as? Bool == true {
      for (index, item) in array.enumerated() where array[..<index].contains(where: { equal($0, item) }) {
        problems.append("\(path)[\(index)]: repeats an earlier item")
      }
    }
    if let items = schema["items"] as? [String: Any] {
      for (index, item) in array.enumerated() {
        check(item, against: items, path: "\(path)[\(index)]", problems: &problems)
      }
    }
  }

  private func matches(_ value: Any, type: String) -> Bool {
    switch type {
    case "object": value is [String: Any]
    case "array": value is [Any]
    case "string": value is String
    case "boolean": (value as? NSNumber).map(isBoolean) ?? false
    case "integer": (value as? NSNumber).map { !isBoolean($0) && $0.doubleValue.rounded() == $0.doubleValue } ?? false
    case "number": (value as? NSNumber).map { !isBoolean($0) } ?? false
    case "null": value is NSNull
    default: true
    }
  }

  /// Foundation reads JSON booleans as NSNumbers of Objective-C type `c`.
  private func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
  }

  private func equal(_ lhs: Any, _ rhs: Any) -> Bool {
    (lhs as? NSObject)?.isEqual(rhs) ?? false
  }

  private func describe(_ value: Any) -> String {
    switch value {
    case is [String: Any]: "an object"
    case is [Any]: "an array"
    case is String: "a string"
    case is NSNull: "null"
    default: "\(value)"
    }
  }
}
