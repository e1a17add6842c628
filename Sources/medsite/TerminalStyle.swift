import Dispatch
import Foundation
import MedsiteCore

#if canImport(Glibc)
import Glibc
#endif

/// How output looks: colour only for a person at a terminal, and never when NO_COLOR is set
/// (https://no-color.org), so logs, pipes and CI stay plain text.
struct TerminalStyle: Sendable {
    let colour: Bool

    static let plain = TerminalStyle(colour: false)

    /// Colour when stdout is a terminal, NO_COLOR is unset or empty, and TERM is not `dumb`.
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
        TerminalStyle(colour: Terminal.standardOutputIsTerminal
                      && (environment["NO_COLOR"] ?? "").isEmpty
                      && environment["TERM"] != "dumb")
    }

    func paint(_ text: String, _ sgr: String) -> String {
        colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }

    func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .note: return paint("note", "1;36")
        }
    }

    /// Colours plain report text: diagnostic lines (`file:line:col: severity: [rule] message — fix`)
    /// and the summary line (`Built 212 pages in 0.31 s · 0 errors · 3 warnings`). Any other line,
    /// and everything when colour is off, is returned unchanged, so one formatter serves pipes and
    /// terminals alike.
    func colourize(_ text: String) -> String {
        guard colour else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { colourizeLine(String($0)) }.joined(separator: "\n")
    }

    private func colourizeLine(_ line: String) -> String {
        for level in Severity.allCases {
            guard let marker = line.range(of: ": \(level.rawValue): ["),
                  let close = line[marker.upperBound...].firstIndex(of: "]") else { continue }
            let rule = line[line.index(before: marker.upperBound)...close]
            var rest = String(line[line.index(after: close)...])
            if let dash = rest.range(of: " — ") {
                rest = rest[..<dash.lowerBound] + dim(" — ") + rest[dash.upperBound...]
            }
            return bold(line[..<marker.lowerBound] + ":") + " " + severity(level) + ": " + dim(String(rule)) + rest
        }
        let parts = line.components(separatedBy: " · ")
        guard parts.count > 1, parts.contains(where: { $0.hasSuffix(" error") || $0.hasSuffix(" errors") }) else { return line }
        return parts.enumerated().map { index, part in
            if index == 0 { return bold(part) }
            if part.hasPrefix("0 ") { return part }
            if part.hasSuffix(" error") || part.hasSuffix(" errors") { return paint(part, "1;31") }
            if part.hasSuffix(" warning") || part.hasSuffix(" warnings") { return paint(part, "1;33") }
            return part
        }.joined(separator: " · ")
    }
}
