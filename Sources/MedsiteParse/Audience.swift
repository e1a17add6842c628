import MedsiteBase

public enum Audience: String, Sendable, CaseIterable {
    case patient, caregiver, clinician
}
