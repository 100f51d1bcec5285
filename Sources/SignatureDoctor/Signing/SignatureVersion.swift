/// Which canonical form a signer writes.
///
/// Since June 2025 every SDK writes version 2: an `&` inside a pair becomes `%26`, so that a
/// value cannot smuggle in another parameter. Version 1 writes values as they are.
public enum SignatureVersion: Int, CaseIterable, Comparable, Sendable {
  case v1 = 1
  case v2 = 2

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
