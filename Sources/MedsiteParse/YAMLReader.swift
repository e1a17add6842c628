import Yams
import MedsiteBase

/// Reads YAML nodes into typed values, reporting every problem with its real file position.
///
/// Yams counts lines from the start of the YAML text; `source` turns that into the file's line
/// (front matter starts on line 2, after the opening `---`).
struct YAMLReader {
    let source: YAMLSource
    var sink: DiagnosticSink

    init(file: String, source: YAMLSource) {
        self.source = source
        self.sink = DiagnosticSink(file: file)
    }

    func position(of node: YAMLNode, fallback: SourcePosition = .start) -> SourcePosition {
        source.position(line: node.mark.line, column: node.mark.column)
    }

    func position(of mark: Mark) -> SourcePosition {
        source.position(line: mark.line, column: mark.column)
    }

    /// The pairs of a mapping in document order; reports unknown keys with a suggestion.
    mutating func fields(of node: YAMLNode, known: [String], context: String, rule: RuleID = .unknownField,
                         at fallback: SourcePosition) -> [YAMLField]? {
        guard case .mapping(let mapping, _) = node else {
            sink.report(rule == .unknownField ? .invalidField : rule, at: position(of: node, fallback: fallback),
                        "\(context) must be a set of `key: value` lines", fix: "write one `key: value` per line")
            return nil
        }
        var result: [YAMLField] = []
        for (keyNode, value) in mapping {
            let keyPosition = position(of: keyNode, fallback: fallback)
            guard let key = keyNode.scalar?.string else {
                sink.report(rule == .unknownField ? .invalidField : rule, at: keyPosition, "a key in \(context) must be plain text")
                continue
            }
            if !known.contains(key) {
                let suggestion = Suggestion.closest(to: key, among: known)
                sink.report(rule, at: keyPosition,
                            "unknown field '\(key)'" + (context == "front matter" ? "" : " in \(context)")
                                + (suggestion.map { ": did you mean '\($0)'?" } ?? ""),
                            fix: suggestion.map { "rename it to '\($0)'" } ?? "remove it; known fields are \(known.joined(separator: ", "))")
                continue
            }
            result.append(YAMLField(key: key, keyPosition: keyPosition, value: value,
                                    valuePosition: position(of: value, fallback: keyPosition)))
        }
        return result
    }

    /// YAML numbers (ints, floats, `.inf`, `0x1F`, `1:30`) start with a sign, a digit or a dot; Yams'
    /// Int/Double constructors bridge through Foundation, so ordinary text skips them.
    static func mayBeNumber(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return (48...57).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && (scalar.string.isEmpty || node.null != nil)
    }

    /// Text, rejecting what YAML reads as something else (numbers, booleans, dates are quoted if meant as text).
    mutating func text(_ field: YAMLField, name: String? = nil, invalid: RuleID = .invalidField,
                       allowEmpty: Bool = false) -> String? {
        let name = name ?? field.key
        guard let scalar = field.value.scalar else {
            sink.report(invalid, at: field.valuePosition, "'\(name)' must be text, not a \(Self.kind(of: field.value))",
                        fix: "write it as a single line of text")
            return nil
        }
        if Self.isNull(field.value) {
            if allowEmpty { return "" }
            sink.report(.requiredField, at: field.valuePosition, "'\(name)' is required but empty",
                        fix: "write a value after '\(field.key):'")
            return nil
        }
        if scalar.style == .plain, field.value.bool != nil || Self.mayBeNumber(scalar.string) && (field.value.int != nil || field.value.float != nil) {
            sink.report(invalid, at: field.valuePosition,
                        "'\(name)' must be text, but YAML reads \(scalar.string) as a \(field.value.bool != nil ? "true/false value" : "number")",
                        fix: "put quotes around it: \(name): \"\(scalar.string)\"")
            return nil
        }
        let value = scalar.string.trimmingWhitespace
        if value.isEmpty && !allowEmpty {
            sink.report(.requiredField, at: field.valuePosition, "'\(name)' is required but empty",
                        fix: "write a value after '\(field.key):'")
            return nil
        }
        return value
    }

    /// A list of text items; a single text value is accepted as a one-item list.
    mutating func textList(_ field: YAMLField) -> [String]? {
        switch field.value {
        case .scalar:
            if Self.isNull(field.value) { return [] }
            return text(field).map { [$0] }
        case .sequence(let sequence, _):
            var items: [String] = []
            for (index, item) in sequence.enumerated() {
                let element = YAMLField(key: field.key, keyPosition: field.keyPosition, value: item,
                                        valuePosition: position(of: item, fallback: field.valuePosition))
                if let value = text(element, name: "\(field.key)[\(index + 1)]") { items.append(value) }
            }
            return items
        default:
            sink.report(.invalidField, at: field.valuePosition, "'\(field.key)' must be a list of text items",
                        fix: "write each item on its own line starting with '- '")
            return nil
        }
    }

    mutating func bool(_ field: YAMLField) -> Bool? {
        if let value = field.value.bool, field.value.scalar?.style == .plain { return value }
        sink.report(.invalidField, at: field.valuePosition, "'\(field.key)' must be true or false")
        return nil
    }

    mutating func integer(_ field: YAMLField, in range: ClosedRange<Int>, rule: RuleID = .invalidField) -> Int? {
        if let value = field.value.int, field.value.scalar?.style == .plain, range.contains(value) { return value }
        sink.report(rule, at: field.valuePosition,
                    "'\(field.key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        return nil
    }

    /// One of a fixed set of words; suggests the closest on a typo.
    mutating func choice(_ field: YAMLField, among options: [String], rule: RuleID = .invalidField) -> String? {
        guard let value = text(field, invalid: rule) else { return nil }
        if options.contains(value) { return value }
        let suggestion = Suggestion.closest(to: value, among: options)
        sink.report(rule, at: field.valuePosition,
                    "'\(field.key)' must be one of \(options.joined(separator: ", ")), not '\(value)'"
                        + (suggestion.map { ": did you mean '\($0)'?" } ?? ""))
        return nil
    }

    /// `rule`: the rule every problem is reported under (medsite.yml's are `invalid-settings`).
    mutating func date(_ field: YAMLField, rule: RuleID? = nil) -> CalendarDate? {
        guard let scalar = field.value.scalar, !Self.isNull(field.value) else {
            if Self.isNull(field.value) {
                sink.report(rule ?? .requiredField, at: field.valuePosition, "'\(field.key)' is required but empty",
                            fix: "write the date as YYYY-MM-DD")
            } else {
                sink.report(rule ?? .invalidDate, at: field.valuePosition, "'\(field.key)' must be a date in YYYY-MM-DD form")
            }
            return nil
        }
        let raw = scalar.string.trimmingWhitespace
        guard let date = CalendarDate(iso: raw) else {
            sink.report(rule ?? .invalidDate, at: field.valuePosition,
                        "'\(field.key)' is '\(raw)', which is not a real date in YYYY-MM-DD form",
                        fix: "write it like 2026-04-07 (year-month-day), and check the day exists in that month")
            return nil
        }
        return date
    }

    static func kind(of node: YAMLNode) -> String {
        switch node {
        case .mapping: return "set of key: value lines"
        case .sequence: return "list"
        case .scalar: return "value"
        }
    }
}
