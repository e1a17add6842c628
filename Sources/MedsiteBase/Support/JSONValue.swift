/// A JSON value with object keys kept in the order they are given, so reports are byte-stable.
public indirect enum JSONValue: Sendable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// Two-space indented JSON, ending without a newline. With `inlineStringArrays`, an array of
    /// strings only is written on one line (`["title", "url"]`), as `medsite schema` prints them.
    public func serialized(indent: Int = 0, inlineStringArrays: Bool = false) -> String {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return Self.quote(text)
        case .number(let value): return String(format1: value)
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            if inlineStringArrays, items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.serialized(indent: indent + 1, inlineStringArrays: inlineStringArrays) }
                .joined(separator: ",\n") + "\n" + closing + "]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            return "{\n" + members.map { pad + Self.quote($0.0) + ": " + $0.1.serialized(indent: indent + 1, inlineStringArrays: inlineStringArrays) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    package static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                // Beyond the C0 controls JSON requires escaping: DEL, C1, the line separators and
                // bidi overrides (VisibleText), so a report viewed raw cannot act on a terminal.
                if scalar.value < 0x20 || VisibleText.mustEscape(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
