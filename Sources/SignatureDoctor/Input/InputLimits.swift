/// The largest inputs sigdoc reads; docs/usage.md lists them.
public struct InputLimits: Sendable {
  /// The most bytes one input may hold.
  public var maximumByteCount: Int
  /// The deepest nesting of lists and maps a parameter reader follows.
  public var maximumDepth: Int

  /// Creates limits.
  public init(maximumByteCount: Int, maximumDepth: Int) {
    self.maximumByteCount = maximumByteCount
    self.maximumDepth = maximumDepth
  }

  /// 16 MiB and 128 levels: far beyond any real paste or parameter set, small enough to
  /// answer at once.
  public static let standard = InputLimits(maximumByteCount: 16 << 20, maximumDepth: 128)
}
