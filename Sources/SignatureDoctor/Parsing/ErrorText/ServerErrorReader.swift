/// Finds every Cloudinary error in a pasted text and reads each exactly.
///
/// A paste may hold the bare message, a JSON body (on one line, pretty-printed, inside
/// quotes, inside another string once or twice more), Node's `util.inspect` output, a log
/// line or an exception, the upload widget's error event, an HTML page, or a mail reply
/// that wrapped the lines; and several errors at once. The reader decodes exactly the
/// layers each message travelled in and keeps, for every byte of a signature or a string
/// to sign, the offset in the paste it came from.
///
/// ```
/// java.lang.RuntimeException: Server returned unexpected status code - 401 - {"error":
/// {"message":"Invalid Signature f11d48772281ea76f3fc49f25cb048ddef90a43d. String to sign
/// - 'timestamp=1479686175'."}}
/// ```
/// (on one line) gives one `invalid-signature` report: signature
/// `f11d48772281ea76f3fc49f25cb048ddef90a43d`, string to sign `timestamp=1479686175`, HTTP
/// status 401, layers `log-prefix`, `json-envelope`.
///
/// Terminal escapes (colours, hyperlinks) are dropped first. HTML is decoded as many times as
/// each message's own syntax shows (`&#39;` around its string to sign once, `&amp;#39;`
/// twice), and not at all where its quotes are as typed, so `Tom &amp; Jerry` in a raw JSON
/// body stays as the server wrote it.
///
/// Its limits: a message is recognised by its opening words, so one whose opening words were
/// cut, reworded or broken over two lines is not found. In bare text, the first `'.` that
/// can end a message ends it, even inside a value; only where a string holds the message is
/// its end known. A wrapped line is joined only when the line it ends is long (mail clients
/// break near 76 columns), and a continuation that itself starts with `>` loses it to the
/// quote markers. Words in a sentence ("an Invalid Signature error") count only when the
/// paste holds no real message.
public enum ServerErrorReader {
  /// The Cloudinary errors in `source`, in order of appearance.
  ///
  /// - Throws: `InputError` with the problem `.unusable("no Cloudinary error found in the
  ///   pasted text")` when the paste holds none.
  public static func reports(in source: SourceText) throws(InputError) -> [ServerReport] {
    var collector = ReportCollector(source: source)
    collector.collect()
    let reports = collector.reports()
    guard !reports.isEmpty else {
      throw InputError(source.name, .unusable("no Cloudinary error found in the pasted text"))
    }
    return reports
  }
}
