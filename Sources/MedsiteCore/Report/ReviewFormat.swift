import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Formats of `medsite review`.
public enum ReviewFormat: String, Sendable, CaseIterable {
    case text, csv, json
}
