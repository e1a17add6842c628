/// A rule's stable identifier, as printed in brackets: `[required-field]`.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let id: String
    public init(_ id: String) { self.id = id }
    public init(stringLiteral value: String) { self.id = value }
    public var description: String { id }
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.id < rhs.id }

    public var rule: Rule? { RuleCatalogue.byID[self] }
    public var defaultSeverity: Severity { rule?.defaultSeverity ?? .error }
}
