import MedsiteBase

/// The blocks an editor writes in GitHub's alert syntax, a blockquote whose first line is a marker:
///
///     > [!EMERGENCY]
///     > - you have chest pain that spreads to your arm
///
/// Care cards for the three levels of care (NHS service manual), a warning callout, inset text, and
/// the two halves of a do-and-don't list.
public enum CareCardKind: String, Sendable, CaseIterable, Hashable {
    case emergency, urgent, nonUrgent, warning, note, doList, dontList

    /// The marker as editors write it, between `[!` and `]`.
    public var marker: String {
        switch self {
        case .emergency: "EMERGENCY"
        case .urgent: "URGENT"
        case .nonUrgent: "NON-URGENT"
        case .warning: "WARNING"
        case .note: "NOTE"
        case .doList: "DO"
        case .dontList: "DONT"
        }
    }

    /// Markers compared in upper case with curly apostrophes straightened: `[!Don't]` is `[!DONT]`.
    static let byMarker: [String: CareCardKind] = {
        var markers = Dictionary(uniqueKeysWithValues: allCases.map { ($0.marker, $0) })
        markers["DON'T"] = .dontList
        markers["NONURGENT"] = .nonUrgent
        markers["NON URGENT"] = .nonUrgent
        return markers
    }()

    /// GitHub's own alert markers, which mean something close to one of medsite's.
    static let gitHubMarkers: [String: CareCardKind] = ["IMPORTANT": .warning, "CAUTION": .warning, "TIP": .note]

    /// The CSS class of the block (`care-card--emergency`, `do-dont--do`…), the theme's hook.
    var cssClass: String {
        switch self {
        case .emergency: "care-card care-card--emergency"
        case .urgent: "care-card care-card--urgent"
        case .nonUrgent: "care-card care-card--non-urgent"
        case .warning: "callout callout--warning"
        case .note: "callout callout--note"
        case .doList: "do-dont do-dont--do"
        case .dontList: "do-dont do-dont--dont"
        }
    }

    /// The two halves of a do-and-don't list hold a bulleted list.
    var needsList: Bool { self == .doList || self == .dontList }

    /// Inset text has no heading, only its hidden label.
    var hasHeading: Bool { self != .note }
}
