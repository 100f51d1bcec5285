/// A mistake a rule suspects, with the notes its verified finding shows when that mistake
/// is the one that reproduces the signature: where in the pasted text it changed something.
struct PlannedEdit: Sendable {
  /// The mistake, as the engine tries it.
  let edit: Edit
  /// What to show when it is proven, each note pointing at what it changed.
  let notes: [EvidenceNote]
}

/// A rule whose mistakes are planned edits: its edits are the plan's, and its verified
/// finding shows the notes of the planned mistakes the proof applied.
protocol PlanningRule: Rule {
  /// The mistakes the rule suspects, in the order they should be tried.
  static func plan(_ evidence: Evidence) -> [PlannedEdit]

  /// Where the verified finding points when the proven mistakes changed no pair of their
  /// own, such as a new order of the same pairs.
  static func proofLocation(_ evidence: Evidence) -> EvidenceLocation?
}

extension PlanningRule {
  static func proofLocation(_ evidence: Evidence) -> EvidenceLocation? { nil }

  func edits(_ evidence: Evidence) -> [Edit] {
    Self.plan(evidence).map(\.edit)
  }

  /// The verified finding: the proof's sentence as the summary, then the notes of every
  /// planned mistake the proof applied, then the sentence itself, placed at
  /// `proofLocation` when none of those notes has a place of its own.
  func verifiedFinding(_ proof: VerifiedHypothesis, evidence: Evidence) -> Finding {
    var notes: [EvidenceNote] = []
    for plan in Self.plan(evidence) where proof.mistakes.contains(plan.edit.summary) {
      notes += plan.notes.filter { !notes.contains($0) }
    }
    let isPlaced = notes.contains { $0.location != nil }
    notes.append(EvidenceNote(proof.sentence, at: isPlaced ? nil : Self.proofLocation(evidence)))
    return Self.finding(
      confidence: 1, summary: proof.sentence, evidence: notes, fix: Self.description.explanation.howToFix
    ).verified(by: proof)
  }
}
