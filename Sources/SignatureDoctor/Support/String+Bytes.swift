extension String {
  /// Whether two strings hold the same code points.
  ///
  /// Swift's `==` treats canonically equivalent strings as equal (`é` and `e` + U+0301),
  /// but a server, Python and every SDK see two different keys there.
  func hasSameScalars(as other: String) -> Bool {
    utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
  }
}
