import Foundation
import Testing

@testable import SignatureDoctor

/// Checks the catalog as a whole (STYLE.md §7.3).
struct RuleCatalogTests {
  @Test("every *Rule.swift file under Sources/SignatureDoctor/Rules is in the catalog")
  func everyFileListed() throws {
    let folder = Fixtures.root + "/Sources/SignatureDoctor/Rules"
    let files = try FileBytes.list(folder).filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" }
    let listed = RuleCatalog.types.map { String(describing: $0) + ".swift" }
    #expect(Set(files) == Set(listed), "files: \(files.sorted()), catalog: \(listed.sorted())")
  }

  @Test("the catalog is in slug order")
  func slugOrder() {
    let slugs = RuleCatalog.descriptions.map(\.slug)
    #expect(slugs == slugs.sorted())
  }

  @Test("slugs are unique kebab-case, codes unique, titles without a final period")
  func names() {
    let rules = RuleCatalog.descriptions
    #expect(Set(rules.map(\.slug)).count == rules.count)
    #expect(Set(rules.map(\.code)).count == rules.count)
    for rule in rules {
      #expect(rule.slug.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.slug)")
      #expect(rule.code.hasPrefix("SD") && rule.code.count == 5, "\(rule.code)")
      #expect(!rule.title.hasSuffix("."), "\(rule.slug)")
    }
  }

  @Test("the catalog holds DESIGN.md's 23 slugs")
  func designSlugs() {
    let design = [
      "stale-timestamp", "timestamp-in-milliseconds", "timestamp-format", "timestamp-mismatch", "nested-data",
      "null-value", "empty-value", "missing-source-uw", "param-not-signed", "param-not-sent", "value-mismatch",
      "excluded-key-signed", "unsorted-params", "encoding-mismatch", "wrong-secret", "key-pair-mismatch",
      "secret-format", "algorithm-mismatch", "digest-construction", "signature-format", "missing-api-key",
      "missing-parameter", "unsigned-upload-rejected",
    ]
    let slugs = Set(RuleCatalog.descriptions.map(\.slug))
    for slug in design { #expect(slugs.contains(slug), "\(slug) is missing") }
  }

  @Test("every rule has a triggering and a non-triggering example and every section", arguments: RuleCatalog.descriptions.map(\.slug))
  func completeness(slug: String) throws {
    let rule = try #require(RuleCatalog.description(named: slug))
    #expect(!rule.triggering.isEmpty)
    #expect(!rule.nonTriggering.isEmpty)
    #expect(!rule.explanation.whatHappened.isEmpty && !rule.explanation.whyRefused.isEmpty
      && !rule.explanation.howToFix.isEmpty)
  }

  @Test("docs/rules/<slug>.md is what 'sigdoc explain <slug> --format markdown' renders", arguments: RuleCatalog.descriptions.map(\.slug))
  func documentation(slug: String) throws {
    let rule = try #require(RuleCatalog.description(named: slug))
    let expected = RuleDocumentation.markdown(for: rule) + "\n"
    let path = Fixtures.root + "/docs/rules/\(slug).md"
    if ProcessInfo.processInfo.environment["SIGDOC_RECORD"] != nil {
      try FileBytes.write(expected, to: path)
      Issue.record("recorded \(path); run the tests again without SIGDOC_RECORD")
      return
    }
    let actual = (try? FileBytes.read(path)).map { String(decoding: $0, as: UTF8.self) }
    #expect(actual == expected, "docs/rules/\(slug).md is stale: run 'swift run sigdoc explain \(slug) --format markdown > docs/rules/\(slug).md' (or SIGDOC_RECORD=1 swift test)")
  }
}
