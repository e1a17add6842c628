import Yams
import MedsiteBase

/// A rule's severity as configured in medsite.yml: a severity, or off.
public enum RuleSetting: Sendable, Equatable {
    case severity(Severity)
    case off
}
