/// Renders a diagnosis in one output format.
public protocol Reporter: Sendable {
  /// The format's name, as `--format` takes it.
  static var identifier: String { get }
  /// The rendered report.
  func report(_ diagnosis: Diagnosis) -> StyledText
}

/// The reporters, by `--format` name.
public enum Reporters {
  /// The formats `diagnose` writes.
  public static let identifiers = [TextReporter.identifier, JSONReporter.identifier, SARIFReporter.identifier]

  /// The reporter for a format name.
  public static func reporter(named name: String) -> (any Reporter)? {
    switch name {
    case TextReporter.identifier: TextReporter()
    case JSONReporter.identifier: JSONReporter()
    case SARIFReporter.identifier: SARIFReporter()
    default: nil
    }
  }
}

extension Diagnosis {
  /// `name:line:column` for a place in an input.
  func describe(_ location: EvidenceLocation) -> String {
    let source = source(of: location)
    return "\(source.name):\(source.location(ofByte: location.span.lowerBound))"
  }

  /// The input a location is in.
  func source(of location: EvidenceLocation) -> SourceText {
    switch location.input {
    case .error: evidence.errorSource
    case .params: evidence.paramsSource ?? evidence.errorSource
    }
  }
}
