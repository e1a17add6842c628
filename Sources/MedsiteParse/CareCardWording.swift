/// The words of care cards and callouts: headings from medsite.yml's `care:` settings
/// (`emergency_heading`, `urgent_heading`…), else English defaults, and the hidden labels that say
/// what each card is to people who cannot see its colour. One struct, so other languages' wording
/// can replace it whole.
public struct CareCardWording: Sendable, Equatable {
    /// Headings medsite.yml sets, `{number}` standing for the emergency number.
    public var headings: [CareCardKind: String]
    /// The number patients are told to call, nil when the site does not say.
    public var emergencyNumber: String?

    public init(headings: [CareCardKind: String] = [:], emergencyNumber: String? = nil) {
        self.headings = headings
        self.emergencyNumber = emergencyNumber
    }

    /// The medsite.yml key under `care:` of each kind's heading.
    public static let settingKeys: [(key: String, kind: CareCardKind)] = [
        ("emergency_heading", .emergency), ("urgent_heading", .urgent), ("non_urgent_heading", .nonUrgent),
        ("warning_heading", .warning), ("do_heading", .doList), ("dont_heading", .dontList),
    ]

    /// The heading a card shows when the editor wrote none after its marker; nil for inset text.
    public func heading(for kind: CareCardKind) -> String? {
        guard kind.hasHeading else { return nil }
        let number = emergencyNumber ?? "your local emergency number"
        if let set = headings[kind] { return set.replacingOccurrences(of: "{number}", with: number) }
        // NHS England's wording where the number is 999 (the UK); plain words elsewhere, where A&E,
        // NHS 111 and "GP" may mean nothing.
        let british = emergencyNumber == "999"
        switch kind {
        case .emergency: return british ? "Call 999 or go to A&E now if:" : "Call \(number) or go to the emergency department now if:"
        case .urgent: return british ? "Ask for an urgent GP appointment or get help from NHS 111 if:"
                                     : "Ask for an urgent appointment with a doctor today if:"
        case .nonUrgent: return british ? "See a GP if:" : "See a doctor if:"
        case .warning: return "Important"
        case .doList: return "Do"
        case .dontList: return "Don't"
        case .note: return nil
        }
    }

    /// Read out before the heading, hidden on screen: the card's colour, in words.
    public func label(for kind: CareCardKind) -> String? {
        switch kind {
        case .emergency: "Emergency: "
        case .urgent: "Urgent advice: "
        case .nonUrgent: "Non-urgent advice: "
        case .warning: "Important: "
        case .note: "Information: "
        case .doList, .dontList: nil
        }
    }
}
