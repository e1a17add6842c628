import Yams
import MedsiteBase

/// Turns a YAML error into a diagnostic an editor can act on: at the file line, in plain words,
/// with the line and a caret, and the likely fix. libyaml says what its parser expected
/// ("mapping values are not allowed in this context"); `YAMLMistake` recognises the common
/// mistakes behind those words (docs/editors.md lists them).
enum YAMLErrorMapper {
    static func diagnostic(for error: Error, file: String, source: YAMLSource, rule: RuleID) -> Diagnostic {
        func diagnostic(_ explained: YAMLMistake.Explanation) -> Diagnostic {
            Diagnostic(file: file, position: explained.position, rule: rule, message: explained.message,
                       fix: explained.fix, sourceLine: source.fileLine(explained.position.line))
        }
        switch error {
        case let refusal as YAMLGuard.Refusal:
            let position = source.position(line: refusal.line, column: refusal.column)
            return Diagnostic(file: file, position: position, rule: rule, message: refusal.message, fix: refusal.fix,
                              sourceLine: source.fileLine(position.line))
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let found = YAMLMistake.Found(problem: problem, context: context?.text,
                                          contextPosition: context.map { source.position(line: $0.mark.line, column: $0.mark.column) },
                                          position: source.position(line: mark.line, column: mark.column))
            return diagnostic(YAMLMistake.explain(found, in: source))
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            return diagnostic(YAMLMistake.duplicateKey(duplicates.first ?? "", in: source,
                                                       fallback: source.position(line: context.mark.line, column: context.mark.column)))
        case YamlError.reader(_, let offset, let value, _):
            return diagnostic(YAMLMistake.unreadableCharacter(value, at: offset, in: source))
        default:
            return Diagnostic(file: file, position: SourcePosition(line: source.lineOffset + 1), rule: rule,
                              message: "this YAML could not be read",
                              fix: "check each line is 'field: value', indented with spaces")
        }
    }
}
