/// What a quoted string that holds a message belongs to, read from the text just before it.
///
/// The reader looks back from the opening quote for a key and, for `message`, for an
/// `error` object around it; for `X-Cld-Error` next to it; and for the marks of the upload
/// widget's error event nearby. It reads no further back than a few hundred bytes.
///
/// ```
/// {"error":{"message":"Invalid Signature …"}}        envelope, starting at the first {
/// { message: 'Invalid Signature …', http_code: 401 }  node-inspect, starting at {
/// {"X-Cld-Error", "Invalid Signature …"}             header
/// {:error, "Invalid Signature …"}                    plain, starting at the quote
/// ```
struct StringContext {
  /// The part a string plays.
  enum Role {
    /// The message of a `{"error":{"message":…}}` body, or the plain string of
    /// `{"error":"…"}`, in any notation.
    case envelope
    /// The `message` of an object as Node's `util.inspect` prints it.
    case nodeInspect
    /// The message of the upload widget's error event.
    case widgetEvent
    /// The value of an `X-Cld-Error` response header.
    case header
    /// Any other string.
    case plain
  }

  /// The part the string plays.
  let role: Role
  /// Where what holds the string starts: the `{` of its object, its key, or the quote.
  let containerStart: Int
  /// Whether a program printed the string as a literal of its language, so that every
  /// escape in it is one: the message of an Elixir tuple, `{:error, "…"}`.
  var isLiteral = false

  /// How far back the reader looks for the `error` key around a `message` key.
  private static let errorKeyReach = 256
  /// How far either side of the string the reader looks for the widget's marks.
  private static let widgetMarkReach = 512
  /// Words that only the upload widget's error event holds.
  private static let widgetMarks = [Phrase("fileuploadfail"), Phrase("widget_id")]
  /// The header that repeats the message of a failed request.
  private static let headerName = Array("x-cld-error".utf8)
  /// What separates a header's name from its value in the notations that print headers; Go
  /// prints a header map as `map[X-Cld-Error:[…]]`.
  private static let headerSeparators = TextScan.ByteSet(#":,=>"'\["#)
  /// The key of the object that holds `message` in the JSON envelope.
  private static let errorKey = Array("error".utf8)

  /// Reads the context of `string` in `view`, looking no further back than `lowerBound`.
  static func classify(_ string: QuotedString, in view: DecodedText, lowerBound: Int)
    -> StringContext
  {
    let open = string.open
    if namesHeader(before: open, in: view, lowerBound: lowerBound) {
      return StringContext(role: .header, containerStart: open)
    }
    guard let key = key(before: open, in: view, lowerBound: lowerBound) else {
      var context = StringContext(role: .plain, containerStart: open)
      context.isLiteral = followsTupleAtom(open, in: view, lowerBound: lowerBound)
      return context
    }
    let objectStart = braceBefore(key.start, in: view, lowerBound: lowerBound) ?? key.start
    switch key.name {
    case "message":
      if hasWidgetMark(around: string, in: view, lowerBound: lowerBound) {
        return StringContext(role: .widgetEvent, containerStart: objectStart)
      }
      if let errorStart = errorObjectStart(before: key.start, in: view, lowerBound: lowerBound) {
        return StringContext(role: .envelope, containerStart: errorStart)
      }
      let isScript = string.quote == UInt8(ascii: "'") || !key.isQuoted
      return StringContext(role: isScript ? .nodeInspect : .envelope, containerStart: objectStart)
    case "error":
      return StringContext(role: .envelope, containerStart: objectStart)
    case "x-cld-error":
      return StringContext(role: .header, containerStart: key.start)
    default:
      return StringContext(role: .plain, containerStart: key.start)
    }
  }

  /// Whether the text before `index` ends with the name `X-Cld-Error` and the punctuation
  /// that separates a header's name from its value (`: `, `", "`, `"=>"`, `:[`).
  static func namesHeader(before index: Int, in view: DecodedText, lowerBound: Int) -> Bool {
    let name = headerName
    var position = index
    while position > max(lowerBound, index - 16) {
      let byte = view[position - 1]
      guard TextScan.isBlank(byte) || headerSeparators.contains(byte) else { break }
      position -= 1
    }
    let nameStart = position - name.count
    guard nameStart >= lowerBound, TextScan.hasWord(name, in: view, at: nameStart) else {
      return false
    }
    guard let before = view.byte(at: nameStart - 1) else { return true }
    return !TextScan.isWordByte(before) && before != UInt8(ascii: "-")
  }
}

// MARK: - Looking back

private extension StringContext {
  /// Whether `{:atom, ` stands right before the quote at `open`, blanks aside.
  static func followsTupleAtom(_ open: Int, in view: DecodedText, lowerBound: Int) -> Bool {
    var position = TextScan.skipSpaceBackward(in: view, from: open, lowerBound: lowerBound)
    guard position > lowerBound, view[position - 1] == UInt8(ascii: ",") else { return false }
    position = TextScan.skipSpaceBackward(in: view, from: position - 1, lowerBound: lowerBound)
    let atomEnd = position
    while position > max(lowerBound, atomEnd - 32), TextScan.isWordByte(view[position - 1]) {
      position -= 1
    }
    return position < atomEnd && position - 2 >= lowerBound
      && view[position - 1] == UInt8(ascii: ":") && view[position - 2] == UInt8(ascii: "{")
  }

  /// A key before a value's opening quote.
  struct Key {
    /// The key in lower case.
    let name: String
    /// Where it starts, its opening quote included.
    let start: Int
    /// Whether it was quoted.
    let isQuoted: Bool
  }

  /// The key whose value opens at `open`: `"key":`, `'key':`, `key:`, `key=`, `"key"=>`.
  static func key(before open: Int, in view: DecodedText, lowerBound: Int) -> Key? {
    var position = TextScan.skipSpaceBackward(in: view, from: open, lowerBound: lowerBound)
    guard position > lowerBound else { return nil }
    switch view[position - 1] {
    case UInt8(ascii: ":"), UInt8(ascii: "="):
      position -= 1
    case UInt8(ascii: ">") where view.byte(at: position - 2) == UInt8(ascii: "="):
      position -= 2
    default:
      return nil
    }
    let keyEnd = TextScan.skipSpaceBackward(in: view, from: position, lowerBound: lowerBound)
    guard keyEnd > lowerBound else { return nil }
    let last = view[keyEnd - 1]
    if last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") {
      var start = keyEnd - 1
      while start > max(lowerBound, keyEnd - 64), view[start - 1] != last { start -= 1 }
      guard start > lowerBound, view[start - 1] == last else { return nil }
      return Key(
        name: view.string(start..<keyEnd - 1).lowercased(), start: start - 1, isQuoted: true)
    }
    var start = keyEnd
    while start > max(lowerBound, keyEnd - 64),
      TextScan.isWordByte(view[start - 1]) || view[start - 1] == UInt8(ascii: "-")
    {
      start -= 1
    }
    guard start < keyEnd else { return nil }
    return Key(name: view.string(start..<keyEnd).lowercased(), start: start, isQuoted: false)
  }

  /// The `{` just before `index`, white space aside.
  static func braceBefore(_ index: Int, in view: DecodedText, lowerBound: Int) -> Int? {
    let position = TextScan.skipSpaceBackward(in: view, from: index, lowerBound: lowerBound)
    return position > lowerBound && view[position - 1] == UInt8(ascii: "{") ? position - 1 : nil
  }

  /// Where the object holding an `error` key whose value is an object starts, when such a
  /// key stands shortly before `index`.
  static func errorObjectStart(before index: Int, in view: DecodedText, lowerBound: Int) -> Int? {
    let name = errorKey
    var position = index - name.count
    while position >= max(lowerBound, index - errorKeyReach) {
      defer { position -= 1 }
      guard TextScan.hasWord(name, in: view, at: position),
        view.byte(at: position - 1).map(TextScan.isWordByte) != true,
        let afterKey = view.byte(at: position + name.count), !TextScan.isWordByte(afterKey),
        opensObject(after: position + name.count, in: view, before: index)
      else { continue }
      var keyStart = position
      if let quote = view.byte(at: position - 1),
        quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
      {
        keyStart -= 1
      }
      return braceBefore(keyStart, in: view, lowerBound: lowerBound) ?? keyStart
    }
    return nil
  }

  /// Whether a key ending at `index` is followed by a separator and `{`.
  static func opensObject(after index: Int, in view: DecodedText, before limit: Int) -> Bool {
    var position = index
    if let quote = view.byte(at: position),
      quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
    {
      position += 1
    }
    func skipSpace() {
      while position < limit,
        TextScan.isSpace(view[position]) || TextScan.isQuoteMarker(in: view, at: position)
      {
        position += 1
      }
    }
    skipSpace()
    guard position < limit else { return false }
    if view[position] == UInt8(ascii: "="), view.byte(at: position + 1) == UInt8(ascii: ">") {
      position += 2
    } else if view[position] == UInt8(ascii: ":") || view[position] == UInt8(ascii: "=") {
      position += 1
    } else {
      return false
    }
    skipSpace()
    return position < limit && view[position] == UInt8(ascii: "{")
  }

  /// Whether `fileuploadfail` or `widget_id` stands near the string.
  static func hasWidgetMark(around string: QuotedString, in view: DecodedText, lowerBound: Int)
    -> Bool
  {
    let before = max(lowerBound, string.open - widgetMarkReach)..<string.open
    let after = string.end..<min(view.count, string.end + widgetMarkReach)
    return widgetMarks.contains { mark in
      mark.firstMatch(in: view, from: before.lowerBound, to: before.upperBound) != nil
        || mark.firstMatch(in: view, from: after.lowerBound, to: after.upperBound) != nil
    }
  }
}
