import MedsiteBase

extension FrontMatterField {
    /// The field's definition in `medsite schema`. With `disclaimerKeys`, `disclaimer` is limited to them.
    public func schema(disclaimerKeys: [String]? = nil) -> JSONValue {
        let description = JSONValue.string(summary)
        switch kind {
        case .text, .date, .textList:
            return FrontMatterSchema.ref(kind.rawValue, description: summary)
        case .slug:
            return .object([
                ("type", .string("string")),
                // Any script's letters: everything but ASCII capitals, punctuation, spaces and control
                // characters, hyphen-joined. No `\p{…}`: Python's and other validators' regex engines lack it.
                ("pattern", .string("^[^-\\s!-/:-@A-Z\\[-`{-~\\x00-\\x1f]+(-[^-\\s!-/:-@A-Z\\[-`{-~\\x00-\\x1f]+)*$")),
                ("maxLength", .integer(FrontMatter.maximumSlugLength)),
                ("not", .object([("enum", .array(FrontMatter.reservedSlugs.sorted().map(JSONValue.string)))])),
                ("description", description),
            ])
        case .choice:
            let (values, defaultValue) = self == .type
                ? (ArticleType.allCases.map(\.rawValue), ArticleType.article.rawValue)
                : (Audience.allCases.map(\.rawValue), Audience.patient.rawValue)
            return .object([
                ("enum", .array(values.map(JSONValue.string))),
                ("default", .string(defaultValue)),
                ("description", description),
            ])
        case .condition:
            return .object([
                ("anyOf", .array([
                    FrontMatterSchema.ref("text", description: "The condition's name."),
                    .object([
                        ("type", .string("object")),
                        ("required", .array([.string("name")])),
                        ("properties", .object([
                            ("name", FrontMatterSchema.ref("text", description: "The condition's name, e.g. Type 2 diabetes.")),
                            ("icd10", .object([
                                ("type", .string("string")),
                                ("pattern", .string("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")),
                                ("description", .string("The ICD-10 code, e.g. E11 or A81.2.")),
                            ])),
                        ])),
                        ("additionalProperties", .bool(false)),
                    ]),
                ])),
                ("description", description),
            ])
        case .reviewers:
            return .object([
                ("anyOf", .array([
                    FrontMatterSchema.ref("reviewer"),
                    .object([("type", .string("array")), ("minItems", .integer(1)), ("items", FrontMatterSchema.ref("reviewer"))]),
                ])),
                ("description", description),
            ])
        case .changes:
            return .object([
                ("anyOf", .array([
                    .object([("type", .string("null"))]),
                    .object([
                        ("type", .string("array")),
                        ("items", .object([
                            ("type", .string("object")),
                            ("required", .array(PageChange.fieldNames.map(JSONValue.string))),
                            ("properties", .object([
                                ("date", FrontMatterSchema.ref("date", description: "The day the page changed, as YYYY-MM-DD; never in the future.")),
                                ("summary", FrontMatterSchema.ref("text", description: "What changed, in one sentence a patient understands.")),
                                ("kind", .object([
                                    ("enum", .array(PageChange.Kind.allCases.map { .string($0.rawValue) })),
                                    ("description", .string("clinical: the advice changed (needs last_reviewed on or after the date). minor: a typo or wording fix that changes no advice.")),
                                ])),
                            ])),
                            ("additionalProperties", .bool(false)),
                        ])),
                    ]),
                ])),
                ("description", description),
            ])
        case .sources:
            return .object([
                ("type", .string("array")),
                ("minItems", .integer(1)),
                ("items", FrontMatterSchema.ref("source")),
                ("description", description),
            ])
        case .disclaimerKey:
            if let keys = disclaimerKeys, !keys.isEmpty {
                return .object([
                    ("enum", .array(keys.map(JSONValue.string))),
                    ("description", .string("The medical disclaimer shown on the page: a key under `disclaimers:` in medsite.yml.")),
                ])
            }
            return FrontMatterSchema.ref("text", description: summary)
        case .boolean:
            return .object([
                ("type", .string("boolean")),
                ("default", .bool(false)),
                ("description", description),
            ])
        case .waivers:
            return .object([
                ("type", .string("object")),
                ("propertyNames", .object([("enum", .array(RuleCatalogue.all.filter { !$0.isMandatory }.map { .string($0.id.id) }))])),
                ("additionalProperties", FrontMatterSchema.ref("text", description: "Why the rule does not apply to this page.")),
                ("description", description),
            ])
        }
    }
}
