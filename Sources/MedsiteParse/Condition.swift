import MedsiteBase

/// The condition a page is about; `icd10` feeds structured data (schema.org MedicalCondition).
public struct Condition: Sendable, Hashable {
    public var name: String
    public var icd10: String?
}
