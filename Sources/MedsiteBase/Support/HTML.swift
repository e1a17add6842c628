/// Escaping for the contexts medsite writes into itself (templates escape through Mustache).
public enum HTML {
    /// The same five characters Mustache escapes, so text medsite looks for in a rendered page
    /// is spelt the way the template wrote it.
    public static func escape(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8 where byte == 60 || byte == 62 || byte == 38 || byte == 34 || byte == 39 {
            needsEscaping = true
            break
        }
        guard needsEscaping else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Inserts `fragment` before the last `</main>`, else before `</body>`, else at the end.
    package static func insert(_ fragment: String, into page: String) -> String {
        for marker in ["</main>", "</body>"] {
            if let range = page.range(of: marker, options: .backwards) {
                var result = page
                result.insert(contentsOf: fragment + "\n", at: range.lowerBound)
                return result
            }
        }
        return page + fragment
    }
}

import Foundation
