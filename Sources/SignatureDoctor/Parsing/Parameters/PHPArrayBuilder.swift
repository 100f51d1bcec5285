/// Collects the entries of one PHP array and decides whether it is a list or a map.
///
/// PHP has one array type. An array whose keys are exactly 0, 1, 2, … in order is what PHP
/// itself calls a list (`array_is_list`), and it becomes `.list`; any other array becomes
/// `.map`, its keys written as PHP prints them. A key such as `'0'` counts as the integer 0,
/// as it does in PHP.
struct PHPArrayBuilder {
  private var members: [Parameter] = []
  private var isList = true

  /// Adds an entry under the key `key`, as written without quotes.
  mutating func append(
    key: String,
    keySpan: Range<Int>,
    value: ParameterValue,
    valueSpan: Range<Int>
  ) {
    if isList, key != String(members.count) { isList = false }
    members.append(Parameter(key, value, keySpan: keySpan, valueSpan: valueSpan))
  }

  /// The array: a list when its keys run 0, 1, 2, …, a map otherwise; an empty array is an
  /// empty list.
  var value: ParameterValue {
    isList ? .list(members.map(\.value)) : .map(members)
  }
}
