extension Array where Element == UInt8 {
  /// Lends the bytes to `body`, keeping its typed error: the standard library's
  /// `withUnsafeBufferPointer` rethrows, which widens a typed error to `any Error`.
  func withBytes<Failure: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
  ) throws(Failure) {
    var failure: Failure?
    withUnsafeBufferPointer { buffer in
      do throws(Failure) { try body(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
  }
}

extension String {
  /// Lends the UTF-8 bytes to `body`, keeping its typed error (see `Array.withBytes`).
  func withBytes<Failure: Error>(
    _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
  ) throws(Failure) {
    var text = self
    var failure: Failure?
    text.withUTF8 { buffer in
      do throws(Failure) { try body(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
  }
}
