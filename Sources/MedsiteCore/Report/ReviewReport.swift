import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// The editorial schedule as text, CSV or JSON.
public enum ReviewReport {
    public static func format(_ schedule: ReviewSchedule, entries: [ReviewEntry], as format: ReviewFormat) -> String {
        switch format {
        case .text: return text(schedule, entries: entries)
        case .csv: return csv(entries)
        case .json: return json(schedule, entries: entries).serialized() + "\n"
        }
    }

    static func reviewers(_ entry: ReviewEntry) -> String { entry.reviewers.joined(separator: "; ") }

    static func text(_ schedule: ReviewSchedule, entries: [ReviewEntry]) -> String {
        let header = ["STATUS", "NEXT REVIEW", "LAST REVIEWED", "PATH", "REVIEWER"]
        // Names come from front matter: shown, never acted on by the terminal (VisibleText).
        let rows = entries.map { entry in
            [(entry.changedSinceReview ? "changed since review" : entry.status.rawValue) + (entry.draft ? " (draft)" : ""), entry.nextReview?.iso ?? "-",
             entry.lastReviewed?.iso ?? "-", VisibleText.escaped(entry.path), VisibleText.escaped(reviewers(entry))]
        }
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        var lines = [line(header)]
        // Why a page is due early goes on the line under it, lined up with its path.
        let indent = String(repeating: " ", count: widths[0] + widths[1] + widths[2] + 6)
        for (entry, row) in zip(entries, rows) {
            lines.append(line(row))
            if let reason = entry.dueBecause { lines.append(indent + "due early: " + VisibleText.escaped(reason)) }
        }
        var counts = ReviewStatus.allCases.compactMap { status -> String? in
            let count = entries.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        let changed = entries.filter(\.changedSinceReview).count
        if changed > 0 { counts.insert("\(changed) changed since review", at: 0) }
        lines.append("")
        let snippets = entries.filter(\.isSnippet).count, pages = entries.count - snippets
        lines.append("\(pages) article\(pages == 1 ? "" : "s")" + (snippets == 0 ? "" : " and \(snippets) snippet\(snippets == 1 ? "" : "s")")
                     + " as of \(schedule.today.iso)"
                     + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")))
        lines.append(nextChangeLine(schedule))
        return lines.joined(separator: "\n") + "\n"
    }

    static func nextChangeLine(_ schedule: ReviewSchedule) -> String {
        guard let change = schedule.nextChange else { return "Next change: none scheduled" }
        let what = change.changes.map { "\($0.path) becomes \($0.status.rawValue)" }.joined(separator: "; ")
        return "Next change: \(change.date.iso) (\(what))"
    }

    static func csv(_ entries: [ReviewEntry]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : text
        }
        var lines = ["path,slug,title,status,last_reviewed,next_review,days_left,reviewers,draft,changed_since_review,due_because,kind"]
        for entry in entries {
            lines.append([entry.path, entry.isSnippet ? "" : entry.slug, entry.title, entry.status.rawValue, entry.lastReviewed?.iso ?? "",
                          entry.nextReview?.iso ?? "", entry.daysLeft.map(String.init) ?? "", reviewers(entry),
                          entry.draft ? "true" : "false", entry.changedSinceReview ? "true" : "false", entry.dueBecause ?? "",
                          entry.isSnippet ? "snippet" : "page"].map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ schedule: ReviewSchedule, entries: [ReviewEntry]) -> JSONValue {
        let next: JSONValue = schedule.nextChange.map { change in
            .object([("date", .string(change.date.iso)),
                     ("changes", .array(change.changes.map { .object([("path", .string($0.path)), ("status", .string($0.status.rawValue))]) }))])
        } ?? .null
        return .object([
            ("today", .string(schedule.today.iso)),
            ("due_soon_days", .integer(schedule.dueSoonDays)),
            ("overdue_policy", .string(schedule.overduePolicy.rawValue)),
            ("next_change", next),
            ("articles", .array(entries.map { entry in
                .object([("path", .string(entry.path)), ("kind", .string(entry.isSnippet ? "snippet" : "page")),
                         ("slug", entry.isSnippet ? .null : .string(entry.slug)), ("title", .string(entry.title)),
                         ("status", .string(entry.status.rawValue)), ("last_reviewed", .optional(entry.lastReviewed?.iso)),
                         ("next_review", .optional(entry.nextReview?.iso)), ("days_left", entry.daysLeft.map { .integer($0) } ?? .null),
                         ("reviewers", .array(entry.reviewers.map { .string($0) })), ("draft", .bool(entry.draft)),
                         ("changed_since_review", .bool(entry.changedSinceReview)), ("due_because", .optional(entry.dueBecause))])
            })),
        ])
    }
}
