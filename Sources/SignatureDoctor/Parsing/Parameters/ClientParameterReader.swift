/// Reads what a developer pastes as "what my code signed" into client evidence.
///
/// ```
/// params_to_sign:
/// { folder: 'avatars', timestamp: 1685544025, eager: undefined }
/// ```
/// becomes `ClientEvidence(format: .javaScript, parameters: [folder: .string("avatars"),
/// timestamp: .number("1685544025"), eager: .null(spelling: "undefined")])`.
///
/// Everything that tells how the client wrote its values is kept: key order, repeated keys,
/// nesting, a number's text (`1.0`), and the spelling of booleans and nulls (`True`,
/// `NULL`, `undefined`). Every parameter keeps the place of its key and value in the input.
///
/// ## What is set aside
/// White space around the parameters, and one leading label: a name and a colon
/// (`params_to_sign:`, `console.log output:`, `String to sign: …`) or an assignment
/// (`$params = `, `const params = `, `params = {`, with a final `;`). A label that says
/// "string to sign" marks a logged string. A structured paste whose only member is a map
/// under `data`, `params`, `params_to_sign` or `paramsToSign` (the upload widget's
/// `{ data: params_to_sign }`, next-cloudinary's `{"paramsToSign": …}`) is read from that
/// map, with a note.
///
/// ## How the format is detected
/// Unless `format` is given, the first bytes after the label decide, in this order:
/// 1. a label that says "string to sign": a logged string to sign;
/// 2. `Array (` or `Name Object (`: PHP `print_r`;
/// 3. `array(N) {` or `object(Name)#N (N) {`: PHP `var_dump`;
/// 4. `array (`, `(object) array(`, `Name::__set_state(`, or `[` then a key and `=>`:
///    PHP `var_export` or a PHP array literal;
/// 5. `{`, `[`, `<ref *1>`, `OrderedDict(` or `Name {`: JSON when nothing outside JSON
///    appears in it; otherwise Python when `True`, `False`, `None` or `OrderedDict` appears;
///    JavaScript when a bare key, `undefined`, `true`, `false`, `null`, a placeholder such
///    as `[Object]` or a type tag appears; Python otherwise;
/// 6. `?`, or a URL and `?`, followed by pairs: a query string;
/// 7. `key=value&…`: a form body when a key has brackets (`tags[]`, `tags%5B%5D`), or when
///    the text has a `%XX` escape other than `%26` or a `+` and none of the characters form
///    encoding always escapes (such as a space, `/`, `:`, `,`, `|`, `{`, `"` or non-ASCII);
///    otherwise a logged string to sign. `%26` alone does not count, since version 2
///    strings to sign write `&` that way. So `folder=avatars&timestamp=1685544025` is a
///    logged string, and `folder=a%2Fb&timestamp=1685544025` a form body. The same text in
///    quotes is always a logged string.
///
/// Anything else is refused. When the guess is wrong, `format` (the command line's
/// `--params-format`) chooses; see `format(named:)`.
///
/// ## What each format gives
/// - JSON, JavaScript, Python: as `LiteralParser` reads them; see `LiteralRewrite` for
///   Node's type tags and placeholders and Python's tuples and `OrderedDict`.
/// - PHP: see `PHPPrintRReader`, `PHPVarDumpReader`, `PHPVarExportReader`. An array keyed
///   0, 1, 2, … is a list, any other a map. `print_r` shows `true` as `1` and `false` and
///   `null` as nothing, so its values stay text.
/// - Form and query: see `FormBodyReader`; URL-decoded, with a note saying so.
/// - A logged string to sign: kept byte for byte in `loggedStringToSign` (its origins point
///   into the input), with spaces at its end and without quotes around it; `parameters`
///   stays empty.
///
/// ## Limits
/// - Only one label is set aside, and only at the very start.
/// - `print_r` cannot show where a string ends: a string holding a line that looks like a
///   member (`[key] => …`) or a lone `)` is cut there, and a key holding `]` is not read.
/// - `var_dump` keys must not hold a line break; Xdebug's `var_dump` format (with a file
///   name and `(length=7)`) is not read.
/// - Node strings that it prints in backticks (they hold both quote marks), and the
///   `... 1 more item` that ends long lists, are not read; a placeholder such as `[Object]`
///   stands for a value Node did not print, and is kept as that text.
/// - Python values other than dicts, lists, tuples, strings, numbers, `True`, `False`,
///   `None` and `OrderedDict` (a `datetime`, a `Decimal`, bytes) are not read.
/// - Form values are text; a form cannot say that a value was a number or a boolean.
public enum ClientParameterReader {
  /// Reads client parameters from `source`.
  ///
  /// - Parameters:
  ///   - source: The pasted text.
  ///   - format: The notation to read, or `nil` to detect it.
  ///   - limits: The largest input and the deepest nesting to accept.
  /// - Returns: The parameters, or the logged string to sign, with notes on how they were
  ///   read.
  /// - Throws: `InputError` when the input is empty, too large or nested too deeply, when
  ///   its format cannot be told, when it breaks its format's syntax (with the line and
  ///   column where it broke and what was expected there), or when it holds no named
  ///   parameters: not a map, or an empty one (`{}`, `[]`, `OrderedDict()`, an empty PHP
  ///   array, a form body without a pair), at the place where it starts.
  public static func read(
    _ source: SourceText,
    format: ClientEvidence.Format? = nil,
    limits: InputLimits = .standard
  ) throws(InputError) -> ClientEvidence {
    guard source.bytes.contains(where: { !ByteCursor.isWhitespace($0) }) else {
      throw InputError(source.name, .empty)
    }
    guard source.bytes.count <= limits.maximumByteCount else {
      throw InputError(source.name, .tooLarge(limit: limits.maximumByteCount))
    }
    var result: Result<ClientEvidence, LiteralFailure>?
    source.bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(LiteralFailure) in
        try evidence(from: buffer, format: format, maximumDepth: limits.maximumDepth)
      }
    }
    switch result {
    case .success(let evidence)?:
      return evidence
    case .failure(let failure)?:
      throw InputError(source.name, at: source.location(ofByte: failure.offset), failure.problem)
    case nil:
      throw InputError(source.name, .empty)
    }
  }

  /// The format a `--params-format` value names, or `nil` for an unknown name.
  ///
  /// Accepted: `json`; `javascript` or `js`; `python` or `py`; `php-print-r`;
  /// `php-var-dump`; `php-var-export`; `form` or `query`; `string-to-sign`.
  public static func format(named name: String) -> ClientEvidence.Format? {
    switch name {
    case "js": .javaScript
    case "py": .python
    case "query": .form
    default: ClientEvidence.Format(rawValue: name)
    }
  }
}

private extension ClientParameterReader {
  /// Map members that wrap the parameters rather than being one.
  static let wrapperKeys: Set<String> = ["data", "params", "params_to_sign", "paramsToSign"]

  /// Reads the parameters in `bytes`, past white space and a label, in `requested` format
  /// or the one detected.
  static func evidence(
    from bytes: UnsafeBufferPointer<UInt8>,
    format requested: ClientEvidence.Format?,
    maximumDepth: Int
  ) throws(LiteralFailure) -> ClientEvidence {
    let preamble = ParameterPreamble(bytes)
    var notes: [String] = []
    if let label = preamble.label {
      guard !preamble.content.isEmpty else {
        throw LiteralFailure(
          offset: preamble.labelOffset,
          problem: .unusable("expected parameters after the label '\(label)', found nothing"))
      }
      notes.append("read what follows the label '\(label)'")
    }
    let content = preamble.content
    let detected =
      preamble.namesStringToSign
      ? .stringToSign : ParameterFormatDetector.format(of: bytes, in: content)
    guard let format = requested ?? detected else {
      throw LiteralFailure(
        offset: content.lowerBound,
        problem: .unusable(
          "cannot tell the format of the parameters; expected JSON, a JavaScript or Python object, "
            + "PHP print_r, var_dump or var_export output, a form body or a string to sign "
            + "(choose one with --params-format)"))
    }

    // Read the value in its format.
    let read: (parameters: [Parameter], notes: [String])
    switch format {
    case .stringToSign:
      return loggedString(in: bytes, range: preamble.contentWithTrailingSpaces, notes: notes)
    case .form:
      let form = try FormBodyReader.parameters(of: bytes, in: content, maximumDepth: maximumDepth)
      try requireParameters(form.parameters, at: content.lowerBound)
      return ClientEvidence(
        format: .form, parameters: form.parameters, repeatedKeys: repeatedKeys(in: form.parameters),
        notes: notes + form.notes)
    case .json:
      read = try literalParameters(bytes, in: content, dialect: .json, maximumDepth: maximumDepth)
    case .javaScript:
      read = try literalParameters(
        bytes, in: content, dialect: .javaScript, maximumDepth: maximumDepth)
    case .python:
      read = try literalParameters(bytes, in: content, dialect: .python, maximumDepth: maximumDepth)
    case .phpPrintR:
      let value = try PHPPrintRReader.value(of: bytes, in: content, maximumDepth: maximumDepth)
      read = (
        try namedParameters(in: value, at: content.lowerBound),
        ["print_r shows true as 1 and false or null as nothing, so values are kept as text"]
      )
    case .phpVarDump:
      let dump = try PHPVarDumpReader.value(of: bytes, in: content, maximumDepth: maximumDepth)
      read = (try namedParameters(in: dump.value, at: content.lowerBound), dump.notes)
    case .phpVarExport:
      let value = try PHPVarExportReader.value(of: bytes, in: content, maximumDepth: maximumDepth)
      read = (try namedParameters(in: value, at: content.lowerBound), [])
    }

    // Open a wrapper such as the widget's `{ data: params_to_sign }`.
    var parameters = read.parameters
    var wrapper: ClientEvidence.Wrapper?
    notes += read.notes
    if parameters.count == 1, wrapperKeys.contains(parameters[0].key),
      case .map(let inner) = parameters[0].value, !inner.isEmpty
    {
      notes.append("read the parameters inside '\(parameters[0].key)'")
      wrapper = ClientEvidence.Wrapper(key: parameters[0].key, span: parameters[0].keySpan)
      parameters = inner
    }
    try requireParameters(parameters, at: content.lowerBound)
    return ClientEvidence(
      format: format, parameters: parameters, repeatedKeys: repeatedKeys(in: parameters),
      wrapper: wrapper, notes: notes)
  }

  /// Reads a JSON, Node or Python literal that fills `range` into named parameters, with
  /// the notes its rewrite made.
  static func literalParameters(
    _ bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    dialect: LiteralDialect,
    maximumDepth: Int
  ) throws(LiteralFailure) -> (parameters: [Parameter], notes: [String]) {
    let rewrite: LiteralRewrite
    switch dialect {
    case .json:
      let value = try literal(bytes, in: range, dialect: .json, maximumDepth: maximumDepth)
      return (try namedParameters(in: value, at: range.lowerBound), [])
    case .javaScript: rewrite = LiteralRewrite.node(bytes, in: range)
    case .python: rewrite = LiteralRewrite.python(bytes, in: range)
    }
    let value = try rewrite.bytes.withUnsafeBufferPointer { (buffer) throws(LiteralFailure) in
      try literal(buffer, in: range, dialect: dialect, maximumDepth: maximumDepth)
    }
    let parameters = try namedParameters(in: value, at: range.lowerBound)
    return (rewrite.restorePlaceholders(in: parameters), rewrite.notes)
  }

  /// Reads one literal that fills `range`, with offsets into the whole input.
  static func literal(
    _ bytes: UnsafeBufferPointer<UInt8>,
    in range: Range<Int>,
    dialect: LiteralDialect,
    maximumDepth: Int
  ) throws(LiteralFailure) -> ParameterValue {
    // NB: the buffer is cut at the end of the range but keeps its start, so that the
    // parser's offsets are offsets into the input.
    var parser = LiteralParser(
      UnsafeBufferPointer(rebasing: bytes[..<range.upperBound]), dialect: dialect,
      handler: ValueTreeBuilder(), maximumDepth: maximumDepth, position: range.lowerBound)
    try parser.parseDocument()
    guard let value = parser.handler.value else {
      throw LiteralFailure.syntax("expected a value", at: range.lowerBound)
    }
    return value
  }

  /// The members of the outermost value, which must be a map (or an empty PHP array).
  static func namedParameters(in value: ParameterValue, at offset: Int) throws(LiteralFailure)
    -> [Parameter]
  {
    switch value {
    case .map(let members): return members
    case .list(let elements) where elements.isEmpty: return []
    default:
      throw LiteralFailure(
        offset: offset,
        problem: .unusable(
          "expected named parameters (an object, a dict or an array with keys), found "
            + value.kindDescription
        ))
    }
  }

  /// Refuses a set of parameters with nothing in it: `{}`, `[]`, `OrderedDict()`, an empty
  /// PHP array or a form body without a pair.
  ///
  /// The engine reads no parameters as no client side at all (every rule that compares
  /// needs a pair), so it would ask for the parameters that were just given; an empty
  /// logged string to sign is kept, since it says what the client signed.
  static func requireParameters(_ parameters: [Parameter], at offset: Int) throws(LiteralFailure) {
    guard parameters.isEmpty else { return }
    throw LiteralFailure(
      offset: offset,
      problem: .unusable(
        "the parameters are empty: there is nothing to compare with the server's string"))
  }

  /// A logged string to sign, as it stands, without quotes around it.
  static func loggedString(
    in bytes: UnsafeBufferPointer<UInt8>,
    range: Range<Int>,
    notes: [String]
  ) -> ClientEvidence {
    var notes = notes
    var range = range
    if range.count >= 2, let quote = range.first.map({ bytes[$0] }), "'\"`".utf8.contains(quote),
      bytes[range.upperBound - 1] == quote,
      !bytes[range.lowerBound + 1..<range.upperBound - 1].contains(quote)
    {
      range = range.lowerBound + 1..<range.upperBound - 1
      notes.append("removed the quotes around the string to sign")
    }
    if let last = range.last, bytes[last] == 0x20 || bytes[last] == 0x09 {
      notes.append("the string to sign ends with white space, which is kept")
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    return ClientEvidence(
      format: .stringToSign, loggedStringToSign: MappedText(verbatim: text, at: range.lowerBound),
      notes: notes)
  }

  /// Keys given more than once at the top level, each listed once, in the order of their
  /// second appearance.
  ///
  /// Keys compare by code point, as `String.hasSameScalars(as:)` compares them: `é` and
  /// `e` + U+0301 are two keys. They are counted by their UTF-8 bytes, which keeps the
  /// count linear in the number of keys.
  static func repeatedKeys(in parameters: [Parameter]) -> [String] {
    var counts: [[UInt8]: Int] = [:]
    var repeated: [String] = []
    for parameter in parameters {
      let key = Array(parameter.key.utf8)
      counts[key, default: 0] += 1
      if counts[key] == 2 { repeated.append(parameter.key) }
    }
    return repeated
  }
}
