import Testing

@testable import SignatureDoctor

/// What the examples of nested-data, null-value, empty-value and excluded-key-signed cannot
/// show: wrappers whose text ends in a brace (which a `{{sign:…}}` template cannot hold),
/// logged strings, pastes without a server string, and the readers behind the hypotheses.
struct StructureRuleTests {
  static let secret = Secret(label: "test", bytes: Array(RuleExample.secret.utf8))

  /// Diagnoses a pasted error whose signature is that of `signed` under the test secret.
  func diagnose(
    signed: String?,
    error: String,
    client: ClientEvidence? = nil,
    params: String = "",
    apiKey: String? = RuleExample.apiKey
  ) throws -> Diagnosis {
    let signature = signed.map { RuleExample.exampleSignature(of: $0, modifiers: []) }
      ?? String(repeating: "ab", count: 20)
    let source = SourceText(name: "error.txt", text: error.replacingAll("SIGNATURE", with: signature))
    let evidence = Evidence(
      errorSource: source,
      reports: try ServerErrorReader.reports(in: source),
      paramsSource: SourceText(name: "params.txt", text: params),
      client: client,
      credentials: Credentials(secrets: signed == nil ? [] : [Self.secret], apiKey: apiKey))
    return try DiagnosisEngine().diagnose(evidence)
  }

  /// A bare message whose string to sign is `string`.
  func message(_ string: String) -> String {
    "Invalid Signature SIGNATURE. String to sign - '\(string)'."
  }

  /// The client evidence of a logged string to sign, standing at the start of the params.
  func logged(_ text: String) -> ClientEvidence {
    ClientEvidence(format: .stringToSign, loggedStringToSign: MappedText(verbatim: text, at: 0))
  }

  func finding(_ slug: String, in diagnosis: Diagnosis) -> Finding? {
    diagnosis.findings.first { $0.rule.slug == slug }
  }

  static let wrapped: [(name: String, signed: String)] = [
    ("Python dict", "data={'folder': 'avatars', 'source': 'uw', 'timestamp': 1685544025, 'use_filename': True}"),
    ("Ruby hash", #"data={"folder"=>"avatars", "source"=>"uw", "timestamp"=>1685544025, "use_filename"=>true}"#),
    ("Ruby hash from a form", #"data={"folder"=>"avatars", "source"=>"uw", "timestamp"=>"1685544025", "use_filename"=>"true"}"#),
    ("PHP array in an array", "0=avatars,uw,1685544025,true"),
    ("PHP array two deep", "0=Array"),
  ]

  @Test("each wrapper a signer writes around the parameters is tried and proven",
        arguments: wrapped.map(\.name))
  func wrappers(name: String) throws {
    let signed = try #require(Self.wrapped.first { $0.name == name }).signed
    let diagnosis = try diagnose(
      signed: signed, error: message("folder=avatars&source=uw&timestamp=1685544025&use_filename=true"))
    let nested = try #require(finding("nested-data", in: diagnosis))
    #expect(nested.isVerified)
    #expect(nested.proof?.digestedText == signed + "{secret}")
  }

  @Test("a Ruby hash's values joined with commas is tried where the server shows the hash")
  func flatValue() throws {
    let diagnosis = try diagnose(signed: "public_id=60,say \"hi\",Array,&timestamp=1528755130", error:
      #"Invalid Signature SIGNATURE. String to sign - 'public_id={"0"=>"60", "1"=>"say \"hi\"", "2"=>{"a"=>"b"}, "#
      + #""3"=>nil}&timestamp=1528755130'."#)
    #expect(finding("nested-data", in: diagnosis)?.isVerified == true)
  }

  @Test("Python's repr picks its quotes and escapes as Python does")
  func pythonRepr() {
    typealias Wrapper = NestedDataRule.Wrapper
    #expect(Wrapper.pythonRepr("avatars") == "'avatars'")
    #expect(Wrapper.pythonRepr("it's") == #""it's""#)
    #expect(Wrapper.pythonRepr(#"it's "x""#) == #"'it\'s "x"'"#)
    #expect(Wrapper.pythonRepr("a\\b\nc\u{200B}\u{7}é") == #"'a\\b\nc\u200b\x07é'"#)
    #expect(Wrapper.pythonLiteral("007") == "'007'")
    #expect(Wrapper.pythonLiteral("0") == "0")
    #expect(Wrapper.pythonLiteral("false") == "False")
  }

  @Test("a Ruby inspection reads back as PHP's flat values; a cut-off one does not")
  func rubyHashReader() {
    typealias Reader = NestedDataRule.RubyHashReader
    #expect(Reader.flatValues(of: #"{"0"=>"60", "1"=>"x"}"#) == ["60", "x"])
    #expect(Reader.flatValues(of: #"{"a" => "b", "c" => 1}"#) == ["b", "1"])
    #expect(Reader.flatValues(of: #"{"a"=>{"b"=>"c"}, "d"=>nil, "e"=>["f"]}"#) == ["Array", "", "Array"])
    #expect(Reader.flatValues(of: #"["a", "b\"c"]"#) == ["a", "b\"c"])
    #expect(Reader.flatValues(of: #"{"1"=>"say "hi"", "2"=>"x"}"#) == [#"say "hi""#, "x"])
    #expect(Reader.flatValues(of: "{}") == [])
    #expect(Reader.flatValues(of: #"{"0"=>"60", "1"=>""#) == nil)
    #expect(Reader.flatValues(of: #"{"0"=>"60"} trailing"#) == nil)
    #expect(Reader.flatValues(of: "[object Object]") == nil)
  }

  @Test("a cut-off hash is still a structure sent, with no flat value to try")
  func truncatedHash() throws {
    let diagnosis = try diagnose(
      signed: nil, error: #"Invalid Signature SIGNATURE. String to sign - 'public_id={"0"=>"60", "1"=>""#)
    let nested = try #require(finding("nested-data", in: diagnosis))
    #expect(nested.confidence == 0.95)
    let edits = NestedDataRule().edits(diagnosis.evidence)
    #expect(edits.count == NestedDataRule.Wrapper.allCases.count + 1)
  }

  @Test("a string to sign passed to Node's signer is seen in a logged string as positions")
  func loggedPositions() throws {
    let text = "0=a&1==&2=1"
    let diagnosis = try diagnose(signed: nil, error: message("a=1"),
                                 client: logged(text), params: text)
    let nested = try #require(finding("nested-data", in: diagnosis))
    #expect(nested.summary == "The client signed a wrapper or a structure (keys 0 to 2), not the flat "
      + "parameters the server received.")
    #expect(nested.evidence.compactMap(\.location) == [EvidenceLocation(input: .params, span: 0..<3)])
  }

  @Test("a null or empty value in a logged string the server lacks is signed text")
  func loggedNullAndEmpty() throws {
    let text = "folder=null&tags=&timestamp=1"
    let diagnosis = try diagnose(signed: nil, error: message("timestamp=1"),
                                 client: logged(text), params: text)
    #expect(finding("null-value", in: diagnosis)?.confidence == 0.9)
    #expect(finding("empty-value", in: diagnosis)?.confidence == 0.9)
    #expect(finding("null-value", in: diagnosis)?.evidence.compactMap(\.location)
      == [EvidenceLocation(input: .params, span: 0..<11)])
  }

  @Test("a key past the cut of a truncated string is not taken as absent")
  func truncatedAbsence() throws {
    let text = "folder=null&upload_preset=&timestamp=1"
    let cut = "Invalid Signature SIGNATURE. String to sign - 'public_id=x&ti"
    let diagnosis = try diagnose(signed: nil, error: cut, client: logged(text), params: text)
    #expect(diagnosis.evidence.serverLacks("folder"))
    #expect(!diagnosis.evidence.serverLacks("upload_preset"))
    #expect(!diagnosis.evidence.serverLacks("public_id"))
    #expect(finding("empty-value", in: diagnosis) == nil)
    #expect(finding("null-value", in: diagnosis) != nil)
  }

  @Test("an anonymised string to sign is no empty pair (U03, U06)")
  func anonymisedString() throws {
    let diagnosis = try diagnose(signed: nil, error: "Invalid Signature xxx. String to sign yyy")
    #expect(finding("empty-value", in: diagnosis) == nil)
  }

  @Test("an excluded key in a logged string is proof; in a request dump, a hint")
  func excludedKeyConfidence() throws {
    let text = "api_key=123456789012345&timestamp=1"
    let logged = try diagnose(signed: nil, error: message("timestamp=1"),
                              client: logged(text), params: text)
    #expect(finding("excluded-key-signed", in: logged)?.confidence == 0.95)

    let json = #"{"api_key": "123456789012345", "signature": "abc", "timestamp": 1}"#
    let parameters = try ParameterDocument.parameters(fromJSON: SourceText(name: "params.txt", text: json))
    let dump = try diagnose(signed: nil, error: message("timestamp=1"),
                            client: ClientEvidence(format: .json, parameters: parameters), params: json)
    #expect(finding("excluded-key-signed", in: dump)?.confidence == 0.35)
  }

  @Test("without a server string, excluded keys are still judged from the client's parameters")
  func excludedKeyWithoutServerString() throws {
    let json = #"{"cloud_name": "demo", "timestamp": 1}"#
    let parameters = try ParameterDocument.parameters(fromJSON: SourceText(name: "params.txt", text: json))
    let diagnosis = try diagnose(signed: nil, error: "Missing required parameter - api_key",
                                 client: ClientEvidence(format: .json, parameters: parameters), params: json)
    #expect(finding("excluded-key-signed", in: diagnosis)?.confidence == 0.65)
  }

  @Test("the API key an Unknown API key message names is tried as a signed api_key")
  func apiKeyFromReport() throws {
    let diagnosis = try diagnose(
      signed: "api_key=999888777666555&timestamp=1",
      error: "Unknown API key 999888777666555\nInvalid Signature SIGNATURE. String to sign - 'timestamp=1'.",
      apiKey: nil)
    #expect(finding("excluded-key-signed", in: diagnosis)?.isVerified == true)
  }

  @Test("two null texts the request carried are dropped together")
  func twoNullTexts() throws {
    let diagnosis = try diagnose(
      signed: "timestamp=1", error: message("folder=undefined&public_id=None&timestamp=1"))
    let null = try #require(finding("null-value", in: diagnosis))
    #expect(null.isVerified)
    #expect(null.proof?.digestedText == "timestamp=1{secret}")
  }

  @Test("the known upload parameters repeat no key and leave out the timestamp and excluded keys")
  func uploadParameters() {
    let keys = EmptyValueRule.uploadParameters
    #expect(Set(keys).count == keys.count)
    #expect(keys == keys.sorted())
    #expect(!keys.contains("timestamp") && !keys.contains { SigningOptions.isExcluded($0) })
  }
}
