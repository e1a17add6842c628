import Mustache
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// The values one template object holds (`page`, `article`, one breadcrumb…), in place of
/// `[String: Any]`. Values are typed (`TemplateValue`) when they are set, so the compiled renderer
/// (`CompiledTheme`) looks names up without casts; swift-mustache, the oracle in tests and the
/// fallback for themes the compiled renderer does not handle, sees the same plain values as before.
///
/// Templates see the same names and values as before: `{{#x}}` pushes it like a dictionary, and the
/// dictionary transforms (`count`, `empty`, `enumerated`, `sorted`) still work.
/// Built once, then only read (pages render on several threads), hence `@unchecked Sendable`; for
/// the same reason the two lists go without Swift's run-time exclusivity checks, which every look-up
/// of every tag of every page paid on each read of a class's `var`.
final class TemplateValues: MustacheParent, MustacheTransformable, ExpressibleByDictionaryLiteral, @unchecked Sendable {
    @exclusivity(unchecked) private(set) var keys: [String]
    @exclusivity(unchecked) private(set) var values: [TemplateValue]

    /// One loop, not `map(\.0)` and `map(\.1)`: key-path maps cost ~8 k instructions per object.
    init(dictionaryLiteral elements: (String, any TemplateValueConvertible)...) {
        keys = []
        values = []
        keys.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (key, value) in elements {
            keys.append(key)
            values.append(value.templateValue)
        }
    }

    private init(keys: [String], values: [TemplateValue]) {
        self.keys = keys
        self.values = values
    }

    /// A copy to add keys to, leaving this one (shared by other pages) as it is.
    func copy() -> TemplateValues { TemplateValues(keys: keys, values: values) }

    subscript(key: String) -> (any TemplateValueConvertible)? {
        get {
            guard let value = value(named: key) else { return nil }
            switch value {
            case .string(let text): return text
            case .bool(let flag): return flag
            case .int(let number): return number
            case .object(let values): return values
            case .list(let items): return items
            }
        }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue.templateValue } else { keys.remove(at: index); values.remove(at: index) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue.templateValue)
            }
        }
    }

    /// Keys of another length are passed over without a string comparison: most names looked up
    /// on an object are not among its keys (the stack is searched from the innermost object out).
    @inline(__always)
    func value(named name: String) -> TemplateValue? {
        // Read once: one retain of the list for the whole search.
        let keys = self.keys
        let length = name.utf8.count
        for index in keys.indices where keys[index].utf8.count == length && keys[index] == name { return values[index] }
        return nil
    }

    /// swift-mustache's lookup: the plain value.
    func child(named name: String) -> Any? { value(named: name)?.unwrapped }

    /// What `[String: Any]` answered, so templates using dictionary transforms render the same.
    func transform(_ name: String) -> Any? {
        Dictionary(zip(keys, values.map(\.unwrapped)), uniquingKeysWith: { _, last in last }).transform(name)
    }
}
