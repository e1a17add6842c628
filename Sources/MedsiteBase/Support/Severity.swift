/// How serious a problem is. Errors stop a build; warnings and notes are reported.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        let order: [Severity] = [.note, .warning, .error]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}
