import Mustache
import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// The values one template object holds (`page`, `article`, one breadcrumb…), in place of
/// `[String: Any]`. swift-mustache casts every object on its context stack to `MustacheParent` on
/// every name it looks up; for a final class that is one cached conformance lookup, where a
/// `Dictionary` needs its conditional witness table found again each time. A few short keys are
/// also found faster by comparing them than by hashing the name.
///
/// Templates see the same names and values as before: `{{#x}}` pushes it like a dictionary, and the
/// dictionary transforms (`count`, `empty`, `enumerated`, `sorted`) still work.
/// Built once, then only read (pages render on several threads), hence `@unchecked Sendable`.
final class TemplateValues: MustacheParent, MustacheTransformable, ExpressibleByDictionaryLiteral, @unchecked Sendable {
    private var keys: [String]
    private var values: [Any]

    /// One loop, not `map(\.0)` and `map(\.1)`: key-path maps cost ~8 k instructions per object.
    init(dictionaryLiteral elements: (String, Any)...) {
        keys = []
        values = []
        keys.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (key, value) in elements {
            keys.append(key)
            values.append(value)
        }
    }

    private init(keys: [String], values: [Any]) {
        self.keys = keys
        self.values = values
    }

    /// A copy to add keys to, leaving this one (shared by other pages) as it is.
    func copy() -> TemplateValues { TemplateValues(keys: keys, values: values) }

    subscript(key: String) -> Any? {
        get { child(named: key) }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue { values[index] = newValue } else { keys.remove(at: index); values.remove(at: index) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Keys of another length are passed over without a string comparison: most names looked up
    /// on an object are not among its keys (the stack is searched from the innermost object out).
    func child(named name: String) -> Any? {
        let length = name.utf8.count
        for index in keys.indices where keys[index].utf8.count == length && keys[index] == name { return values[index] }
        return nil
    }

    /// What `[String: Any]` answered, so templates using dictionary transforms render the same.
    func transform(_ name: String) -> Any? {
        Dictionary(zip(keys, values), uniquingKeysWith: { _, last in last }).transform(name)
    }
}
