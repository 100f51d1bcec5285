#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte and substring search through the C library's vectorised `memchr` and `memcmp`.
/// (`memmem` would serve too, but it is a GNU extension Swift's Glibc module hides.)
public enum ByteSearch {
  /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
  ///
  /// `memchr` looks for the needle's rarest byte by a rough estimate of how often each
  /// byte occurs in text, so that a needle starting with a common letter does not stop the
  /// scan at every word.
  public static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard !needle.isEmpty, start >= 0, haystack.count - start >= needle.count else { return nil }
    let anchor = needle.indices.min { commonness(needle[$0]) < commonness(needle[$1]) }!
    return haystack.withUnsafeBytes { hay in
      needle.withUnsafeBytes { pattern in
        let base = hay.baseAddress!
        var offset = start + anchor
        let lastAnchor = hay.count - pattern.count + anchor
        while offset <= lastAnchor {
          guard let found = memchr(base + offset, Int32(needle[anchor]), lastAnchor - offset + 1) else {
            return nil
          }
          let index = base.distance(to: UnsafeRawPointer(found)) - anchor
          if memcmp(base + index, pattern.baseAddress!, pattern.count) == 0 { return index }
          offset = index + anchor + 1
        }
        return nil
      }
    }
  }

  /// Whether `byte` occurs in `bytes`.
  public static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { contains(byte, in: $0) }
  }

  /// Whether `byte` occurs in a buffer.
  public static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    return memchr(base, Int32(byte), bytes.count) != nil
  }

  /// How often a byte tends to occur in signed parameters and reports, from 0 (rare) to 3.
  private static func commonness(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: " "): 3
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: "&"),
      UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "/"):
      2
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): 1
    default: 0
    }
  }
}
