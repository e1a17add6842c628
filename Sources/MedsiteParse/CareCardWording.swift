/// The words of care cards and callouts: headings from medsite.yml's `care:` settings
/// (`emergency_heading`, `urgent_heading`…), else English defaults, and the hidden labels that say
/// what each card is to people who cannot see its colour. One struct, so other languages' wording
/// can replace it whole.
public struct CareCardWording: Sendable, Equatable {
    /// Headings medsite.yml sets, `{number}` standing for the emergency number.
    public var headings: [CareCardKind: String]
    /// The number patients are told to call, nil when the site does not say.
    public var emergencyNumber: String?

    /// The hidden labels and "your local emergency number", in the page's language.
    public var texts: ThemeTexts

    public init(headings: [CareCardKind: String] = [:], emergencyNumber: String? = nil, texts: ThemeTexts = ThemeTexts()) {
        self.headings = headings
        self.emergencyNumber = emergencyNumber
        self.texts = texts
    }

    /// The medsite.yml key under `care:` of each kind's heading.
    public static let settingKeys: [(key: String, kind: CareCardKind)] = [
        ("emergency_heading", .emergency), ("urgent_heading", .urgent), ("non_urgent_heading", .nonUrgent),
        ("warning_heading", .warning), ("do_heading", .doList), ("dont_heading", .dontList),
    ]

    /// The heading a card shows when the editor wrote none after its marker; nil for inset text.
    public func heading(for kind: CareCardKind) -> String? {
        guard kind.hasHeading else { return nil }
        let number = emergencyNumber ?? texts["local_emergency_number"]
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
        let key: String
        switch kind {
        case .emergency: key = "care_emergency_label"
        case .urgent: key = "care_urgent_label"
        case .nonUrgent: key = "care_non_urgent_label"
        case .warning: key = "care_warning_label"
        case .note: key = "care_note_label"
        case .doList, .dontList: return nil
        }
        return texts[key] + " "
    }
}
