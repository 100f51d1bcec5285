/// The server's pairs lined up with the client's by key.
public struct PairAlignment: Hashable, Sendable {
  /// One line of the comparison.
  public enum Row: Hashable, Sendable {
    /// Both sides have the key with the same value.
    case same(SignedPair, ClientPair)
    /// Both sides have the key, with different values (or the client's is left out).
    case differs(SignedPair, ClientPair)
    /// Only the server has the key.
    case serverOnly(SignedPair)
    /// Only the client has the key.
    case clientOnly(ClientPair)
  }

  /// The rows: the server's pairs in its order, then the client's remaining keys in theirs.
  public let rows: [Row]

  /// Lines the pairs up, each server pair with the client's last pair of the same key.
  init(server: [SignedPair], client: [ClientPair]) {
    self.init(server: server, client: client, clientIndex: Evidence.lastIndices(of: client.map(\.key)))
  }

  /// As `init(server:client:)`, with where each key last stands among `client` already
  /// worked out.
  init(server: [SignedPair], client: [ClientPair], clientIndex: [ExactText: Int]) {
    var rows: [Row] = []
    var used = Set<Int>()
    for pair in server {
      if let index = clientIndex[ExactText(pair.key)] {
        used.insert(index)
        let clientPair = client[index]
        let value = clientPair.value
          .map { StringToSign.pair("", $0, version: .v2).dropFirst() }
          .map(String.init)
        // NB: by scalars, since `==` on strings takes NFC and NFD for the same text.
        let same = [clientPair.value, value].contains { $0?.hasSameScalars(as: pair.value) == true }
        rows.append(same ? .same(pair, clientPair) : .differs(pair, clientPair))
      } else {
        rows.append(.serverOnly(pair))
      }
    }
    for (index, pair) in client.enumerated() where !used.contains(index) {
      rows.append(.clientOnly(pair))
    }
    self.rows = rows
  }

  /// Whether there was a client side to compare with.
  public var hasClient: Bool {
    rows.contains { if case .serverOnly = $0 { false } else { true } }
  }
}
