import Testing

@testable import SignatureDoctor

struct DigestTests {
  @Test("SHA-1 and SHA-256 of the empty input match FIPS 180-4")
  func emptyInput() throws {
    #expect(try OpenSSLDigester().digest(of: [], using: .sha1).hex == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(
      try OpenSSLDigester().digest(of: [], using: .sha256).hex
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test("SHA-1 and SHA-256 of 'abc' match FIPS 180-4")
  func abc() throws {
    let message = Array("abc".utf8)
    #expect(try OpenSSLDigester().digest(of: message, using: .sha1).hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(
      try OpenSSLDigester().digest(of: message, using: .sha256).hex
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("the million-'a' message crosses many blocks (FIPS 180-4)")
  func millionA() throws {
    var state = try DigestState(.sha1)
    let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { try state.update(block) }
    #expect(try state.finalize().hex == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
  }

  @Test("a copied state that absorbed a prefix gives the digest of prefix plus suffix")
  func copiedPrefix() throws {
    for algorithm in DigestAlgorithm.allCases {
      var prefix = try DigestState(algorithm)
      try prefix.update(String(repeating: "folder=avatars&", count: 9))
      for suffix in ["timestamp=1", "timestamp=2", ""] {
        var copy = prefix
        try copy.update(suffix)
        let whole = try OpenSSLDigester().digest(
          of: Array((String(repeating: "folder=avatars&", count: 9) + suffix).utf8), using: algorithm)
        #expect(try copy.finalize() == whole, "\(algorithm) with suffix '\(suffix)'")
      }
    }
  }

  @Test("digesting in pieces equals digesting at once", arguments: [1, 3, 63, 64, 65, 200])
  func pieces(size: Int) throws {
    let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    var state = try DigestState(.sha256)
    var offset = 0
    while offset < message.count {
      try state.update(Array(message[offset..<min(offset + size, message.count)]))
      offset += size
    }
    #expect(try state.finalize() == OpenSSLDigester().digest(of: message, using: .sha256))
  }

  @Test("HMAC matches RFC 4231 test case 2 and RFC 2202 test case 2")
  func hmac() throws {
    let key = Array("Jefe".utf8)
    let message = Array("what do ya want for nothing?".utf8)
    #expect(
      try HMACState(.sha256, key: key).authenticationCode(for: message).hex
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    #expect(
      try HMACState(.sha1, key: key).authenticationCode(for: message).hex
        == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
  }

  @Test("HMAC hashes a key longer than a block first (RFC 4231 test case 6)")
  func hmacLongKey() throws {
    let key = [UInt8](repeating: 0xAA, count: 131)
    let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
    #expect(
      try HMACState(.sha256, key: key).authenticationCode(for: message).hex
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
  }

  @Test("hex, upper-case hex, base64 and URL-safe base64 encode the same bytes")
  func encodings() {
    let digest = Digest(bytes: [0xFB, 0xFF, 0x00, 0x10])
    #expect(digest.hex == "fbff0010")
    #expect(digest.upperHex == "FBFF0010")
    #expect(digest.base64 == "+/8AEA==")
    #expect(digest.base64URL == "-_8AEA")
    #expect(Base64.decode("+/8AEA==") == digest.bytes)
    #expect(Base64.decode("-_8AEA") == digest.bytes)
    #expect(Digest(hex: "FBff0010") == digest)
  }

  @Test("text that is not hex or base64 decodes to nothing", arguments: ["xyz", "abc", "a==b", "[object Promise]"])
  func invalidEncodings(text: String) {
    #expect(Digest(hex: text) == nil)
    if text.contains("[") || text.contains("=b") { #expect(Base64.decode(text) == nil) }
  }

  @Test("constant-time comparison tells equal from unequal and unequal lengths")
  func constantTime() {
    #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    #expect(constantTimeEquals([UInt8](), [UInt8]()))
  }

  @Test("algorithm names are read as users spell them")
  func algorithmNames() {
    #expect(DigestAlgorithm(name: "SHA-256") == .sha256)
    #expect(DigestAlgorithm(name: "sha1") == .sha1)
    #expect(DigestAlgorithm(name: "md5") == nil)
    #expect(DigestAlgorithm(byteCount: 32) == .sha256)
    #expect(DigestAlgorithm(byteCount: 16) == nil)
  }
}
