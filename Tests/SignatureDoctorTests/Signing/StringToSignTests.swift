import Testing

@testable import SignatureDoctor

struct StringToSignTests {
  /// Builds the string for a JSON object, as `sign` reads it.
  func canonical(_ json: String, _ options: SigningOptions = SigningOptions()) throws -> String {
    let secret = Secret(label: "test", bytes: Array("s3cr3t-for-tests".utf8))
    return try Signer(secret: secret, options: options).sign(jsonObject: SourceText(name: "t", text: json))
      .stringToSign.text
  }

  @Test("excluded keys are left out unless every key is signed")
  func excludedKeys() throws {
    let json = #"{"file":"x","cloud_name":"c","resource_type":"image","api_key":"1","signature":"s","timestamp":1}"#
    #expect(try canonical(json) == "timestamp=1")
    #expect(
      try canonical(json, SigningOptions(signsAllKeys: true))
        == "api_key=1&cloud_name=c&file=x&resource_type=image&signature=s&timestamp=1")
  }

  @Test("null, empty strings and empty lists are left out; a list of one empty string is not")
  func emptyValues() throws {
    #expect(try canonical(#"{"a":null,"b":"","c":[],"d":[""],"e":"x"}"#) == "d=&e=x")
  }

  // Regression (audit D8): `{"d":{}}` signed `d={}` under the server's rendering and was
  // refused by `sign`, where pycloudinary leaves `{}` out and a form body cannot carry one.
  @Test("an empty map is left out like an empty list, whether nesting is refused or rendered")
  func emptyMaps() throws {
    let json = #"{"d":{},"e":{ },"l":[],"timestamp":1}"#
    let rendered = SigningOptions(nestedValues: .renderLikeServer)
    #expect(try canonical(json) == "timestamp=1")
    #expect(try canonical(json, rendered) == "timestamp=1")
    let parameters = [Parameter("d", .map([])), Parameter("t", .number("1"))]
    #expect(try StringToSign(parameters).text == "t=1")
    #expect(try StringToSign(parameters, options: rendered).text == "t=1")

    // Only the member's own value: an empty map inside one is part of what is rendered.
    #expect(try canonical(#"{"d":{"e":{}}}"#, rendered) == #"d={"e"=>{}}"#)
    #expect(throws: InputError("t", at: SourceLocation(line: 1, column: 6),
      .unusable("the value of 'd' is a map; Cloudinary signs text, numbers, booleans and lists of them"
        + " (flatten it first, as in 'alt=x|caption=y')"))) {
      try canonical(#"{"d":{"e":{}}}"#)
    }
  }

  @Test("lists join with commas; booleans and numbers keep their spelling")
  func spellings() throws {
    #expect(
      try canonical(#"{"tags":["a","b",3],"b":true,"f":false,"n":1.0,"ms":1685544025123,"e":1e5}"#)
        == "b=true&e=1e5&f=false&ms=1685544025123&n=1.0&tags=a,b,3")
  }

  @Test("pairs sort as whole pairs in code-point order, as Python's sorted does")
  func pairOrder() throws {
    // Sorting by key would put 'a' first; '-' (U+2D) sorts before '=' (U+3D).
    #expect(try canonical(#"{"a":"1","a-b":"2","a1":"3","B":"4","_":"5"}"#) == "B=4&_=5&a-b=2&a1=3&a=1")
  }

  @Test("NFC and NFD keys are two keys, sorted by code point")
  func normalisationForms() throws {
    let json = "{\"\u{E9}\":\"nfc\",\"e\u{301}\":\"nfd\"}"
    #expect(try canonical(json) == "e\u{301}=nfd&\u{E9}=nfc")
  }

  @Test("version 2 writes & as %26 in the whole pair; version 1 does not")
  func ampersands() throws {
    let json = #"{"notification_url":"https://x.test/?a=1&b=2","a&b":"c"}"#
    #expect(try canonical(json) == "a%26b=c&notification_url=https://x.test/?a=1%26b=2")
    #expect(
      try canonical(json, SigningOptions(version: .v1))
        == "a&b=c&notification_url=https://x.test/?a=1&b=2")
  }

  @Test("every byte is kept: line breaks, tabs, zero-width characters, combining marks")
  func keepsBytes() throws {
    let json = #"{"a":"x\r\ny\tz\u200b","b":"e\u0301"}"#
    #expect(try canonical(json) == "a=x\r\ny\tz\u{200B}&b=e\u{301}")
  }

  @Test("a value nested where text belongs is refused with its place")
  func nestedRefused() throws {
    #expect(throws: InputError("t", at: SourceLocation(line: 1, column: 6),
      .unusable("the value of 'd' is a map; Cloudinary signs text, numbers, booleans and lists of them"
        + " (flatten it first, as in 'alt=x|caption=y')"))) {
      try canonical(#"{"d":{"folder":"x"}}"#)
    }
  }

  @Test("nested values render as the server's Ruby hash when asked")
  func nestedLikeServer() throws {
    let parameters = [
      Parameter("public_id", .map([Parameter("0", .string("60")), Parameter("1", .number("7"))])),
      Parameter("tags", .list([.string("a"), .list([.string("b")])])),
    ]
    let text = try StringToSign(parameters, options: SigningOptions(nestedValues: .renderLikeServer)).text
    #expect(text == #"public_id={"0"=>"60", "1"=>"7"}&tags=a,["b"]"#)
  }

  @Test("parameters already parsed give the same string as the JSON they came from")
  func treeAndStreamAgree() throws {
    let json = #"{"tags":["a&b","c"],"file":"f","t":1,"x":"","y":null,"z":true,"k":"v"}"#
    let parameters = try ParameterDocument.parameters(fromJSON: SourceText(name: "t", text: json))
    for version in SignatureVersion.allCases {
      let options = SigningOptions(version: version)
      #expect(try StringToSign(parameters, options: options).text == canonical(json, options))
    }
  }

  @Test("a repeated key keeps its last value when parameters are given directly")
  func repeatedKeyLastWins() throws {
    let parameters = [Parameter("a", .string("1")), Parameter("b", .string("2")), Parameter("a", .string("3"))]
    #expect(try StringToSign(parameters).text == "a=3&b=2")
  }

  @Test("pairs and text agree")
  func pairs() throws {
    let stringToSign = try StringToSign([Parameter("b", .string("x&y")), Parameter("a", .number("1"))])
    #expect(stringToSign.pairs == ["a=1", "b=x%26y"])
    #expect(stringToSign.text == stringToSign.pairs.joined(separator: "&"))
  }

  // Regression (audit D2): each key was compared with every earlier one, and the pairs were
  // sorted by insertion, so 80,000 keys took 21 s. Past a few dozen keys a hash table and
  // a general sort take over; they must give exactly what the small path gives.
  @Test("thousands of keys sort, and repeat with the last value winning, as a dozen do")
  func manyKeys() throws {
    // Keys in a scrambled order, some a prefix of others ('k1', 'k1-', 'k10'), and the
    // first hundred given again with another value.
    let count = 3000
    let order = (0..<count).map { $0 * 7919 % count }
    let key = { (index: Int) in "k\(index)" + (index % 3 == 0 ? "-" : "") }
    let members = order.map { (key($0), "v\($0)") } + order.prefix(100).map { (key($0), "w\($0)") }
    var last: [String: String] = [:]
    for (key, value) in members { last[key] = value }
    let expected = last.map { $0.key + "=" + $0.value }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      .joined(separator: "&")
    let parameters = members.map { Parameter($0.0, .string($0.1)) }
    #expect(try StringToSign(parameters).text == expected)

    let json = "{" + members.prefix(count).map { #""\#($0.0)":"\#($0.1)""# }.joined(separator: ",") + "}"
    #expect(try canonical(json) == members.prefix(count).map { $0.0 + "=" + $0.1 }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "&"))
  }

  @Test("a key repeated among thousands is refused in JSON, naming both places")
  func manyKeysRepeated() throws {
    let keys = (0..<3000).map { "key_\($0)" } + ["key_1500"]
    let json = "{" + keys.map { #""\#($0)":1"# }.joined(separator: ",") + "}"
    let first = ("{" + keys.prefix(1500).map { #""\#($0)":1,"# }.joined()).utf8.count + 1
    let second = json.utf8.count - #""key_1500":1}"#.utf8.count + 1
    let refusal = InputError("t", at: SourceLocation(line: 1, column: second),
      .unusable("the key 'key_1500' appears twice (first at 1:\(first)); keep one value"))
    #expect(throws: refusal) { try canonical(json) }
    #expect(throws: refusal) { try ParameterDocument.parameters(fromJSON: SourceText(name: "t", text: json)) }
  }
}
