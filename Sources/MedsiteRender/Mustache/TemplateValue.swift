/// One value a template can see, typed: what the compiled renderer evaluates over, so a lookup is a
/// `switch`, never a dynamic cast or a `Mirror`.
enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case object(TemplateValues)
    case list([TemplateValue])

    /// The plain Swift value swift-mustache (the oracle, and the fallback for themes the compiled
    /// renderer does not handle) sees, as it saw before values were typed.
    var unwrapped: Any {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag
        case .int(let number): return number
        case .object(let values): return values
        case .list(let items):
            // Typed arrays where the elements allow it: swift-mustache's `sorted` needs Comparable ones.
            var objects: [TemplateValues] = []
            var strings: [String] = []
            for item in items {
                switch item {
                case .object(let values): objects.append(values)
                case .string(let text): strings.append(text)
                default: return items.map(\.unwrapped)
                }
            }
            if strings.isEmpty { return objects }
            if objects.isEmpty { return strings }
            return items.map(\.unwrapped)
        }
    }

    /// What swift-mustache writes for `{{value}}`: `String(describing:)` of the plain value.
    var text: String {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .object, .list: return String(describing: unwrapped)
        }
    }
}

/// A Swift value a template can be given: the few kinds templates understand. Other kinds are
/// converted by the code that builds the context (dates to text, optionals left out).
protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateValueConvertible {
    var templateValue: TemplateValue { self }
}

extension String: TemplateValueConvertible {
    var templateValue: TemplateValue { .string(self) }
}

extension Substring: TemplateValueConvertible {
    var templateValue: TemplateValue { .string(String(self)) }
}

extension Bool: TemplateValueConvertible {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateValueConvertible {
    var templateValue: TemplateValue { .int(self) }
}

extension TemplateValues: TemplateValueConvertible {
    var templateValue: TemplateValue { .object(self) }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    var templateValue: TemplateValue {
        var items: [TemplateValue] = []
        items.reserveCapacity(count)
        for element in self { items.append(element.templateValue) }
        return .list(items)
    }
}
