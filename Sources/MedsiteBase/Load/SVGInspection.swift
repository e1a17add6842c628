import Foundation

/// Finds what makes an SVG more than a picture. Deliberately strict: a false alarm costs an
/// editor a re-export; a miss runs script on a patient site.
enum SVGInspection {
    /// The first line holding active content, and what it is; nil for a plain picture.
    static func activeContent(_ bytes: [UInt8]) -> (line: Int, what: String)? {
        // A UTF-16 (or other non-UTF-8) file would hide `<script>` from the checks below, while an
        // XML parser reads it happily: only UTF-8 without NUL bytes is inspected, and so accepted.
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            return (1, "text that is not UTF-8, so it cannot be checked for scripts")
        }
        let lowered = text.lowercased()
        // Elements, with or without a namespace prefix (`<svg:script>`).
        let elements: [(String, String)] = [
            ("script", "a script"), ("foreignobject", "embedded HTML (foreignObject)"), ("iframe", "an embedded page"),
            ("embed", "an embedded object"), ("object", "an embedded object"), ("handler", "an event handler"),
            ("listener", "an event handler"), ("!entity", "an XML entity declaration"),
            ("?xml-stylesheet", "a style sheet instruction (XSLT can run script)"),
        ]
        for (name, what) in elements {
            if let offset = firstElement(named: name, in: lowered) { return (line(at: offset, in: lowered), what) }
        }
        // Event handler attributes: `onload=`, `<svg/onload=`, `onclick =`.
        if let range = lowered.range(of: #"[\s/"'](on[a-z]+)\s*="#, options: .regularExpression) {
            return (line(at: lowered.distance(from: lowered.startIndex, to: range.lowerBound), in: lowered), "an event handler attribute")
        }
        // Addresses that run or render script, after undoing entities and the whitespace browsers skip.
        let (decoded, origins) = decodedForSchemes(lowered)
        for scheme in ["javascript:", "vbscript:", "data:text/html", "data:application/", "data:image/svg"] {
            if let range = decoded.range(of: scheme) {
                let offset = origins[decoded.distance(from: decoded.startIndex, to: range.lowerBound)]
                return (line(at: offset, in: lowered), "a '\(scheme.hasPrefix("data:") ? "data:" : scheme)' address")
            }
        }
        return nil
    }

    private static func firstElement(named name: String, in text: String) -> Int? {
        let pattern = "<\\s*([a-z0-9_.-]+:)?" + NSRegularExpression.escapedPattern(for: name) + (name.hasPrefix("!") || name.hasPrefix("?") ? "" : "[\\s/>]")
        guard let range = text.range(of: pattern, options: .regularExpression) else { return nil }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    /// Character references decoded (`&#106;` `&#x6A;` `&colon;` `&Tab;`…), ASCII whitespace and
    /// control characters dropped; each kept character's offset in the original.
    private static func decodedForSchemes(_ text: String) -> (String, [Int]) {
        let characters = Array(text)
        var result: [Character] = []
        var origins: [Int] = []
        var index = 0
        let named: [String: Character] = ["colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")",
                                          "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "period": "."]
        while index < characters.count {
            let start = index
            var character = characters[index]
            if character == "&", let semicolon = characters[index...].prefix(12).firstIndex(of: ";") {
                let body = String(characters[(index + 1)..<semicolon])
                var value: Character?
                if body.hasPrefix("#x"), let code = UInt32(body.dropFirst(2), radix: 16) { value = Unicode.Scalar(code).map(Character.init) }
                else if body.hasPrefix("#"), let code = UInt32(body.dropFirst()) { value = Unicode.Scalar(code).map(Character.init) }
                else { value = named[body] }
                if let value {
                    character = Character(value.lowercased())
                    index = semicolon
                }
            }
            index += 1
            if character.unicodeScalars.allSatisfy({ $0.value <= 0x20 }) { continue }
            result.append(character)
            origins.append(start)
        }
        return (String(result), origins)
    }

    private static func line(at offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).filter { $0 == "\n" }.count
    }
}
