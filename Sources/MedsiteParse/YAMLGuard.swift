import CYaml
import Yams
import MedsiteBase

/// Checks YAML's shape with libyaml's event stream (linear time, constant stack) before a node tree
/// is built (`YAMLTree`), so hostile front matter cannot hang or crash a build:
///
/// - aliases (`*name`) are refused: Yams shares aliased nodes, but hashing a mapping key that is an
///   alias of an alias… (the "billion laughs" shape) walks the whole expansion, exponential in the
///   input size. Front matter never needs them.
/// - nesting deeper than `maximumDepth` is refused: Yams composes recursively, and a worker thread's
///   stack is small, so `[[[[…` a hundred thousand deep would overflow it.
/// - tags other than `!!str` (`!!python/object`, `!!binary`, `!foo`) are refused: front matter is
///   text, dates, lists and groups, and a tag would otherwise be dropped without a word (or, in a
///   tool that honours it, build an object).
public enum YAMLGuard {
    public static let maximumDepth = 64

    /// Why a YAML text was refused, at a 1-based line and column of the YAML text.
    public struct Refusal: Error, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
        public let fix: String
    }

    /// The first reason to refuse `yaml`, or nil. Syntax errors are left to Yams, which reports them
    /// with more context; the scan stops there.
    public static func check(_ yaml: String) -> Refusal? {
        var yaml = yaml
        return yaml.withUTF8 { buffer -> Refusal? in
            // Every alias starts with '*', and every level of nesting needs one of `: - [ { ?`. Text
            // with no '*' and at most `maximumDepth` of those cannot be refused, so the event scan
            // (about 5% of a cold build) is only run on the rest.
            var indicators = 0
            var mayHaveAlias = false
            var previous = UInt8(ascii: "\n")
            for byte in buffer {
                defer { previous = byte }
                switch byte {
                case UInt8(ascii: "*"): mayHaveAlias = true
                // A tag starts a value: after a blank, a line break or `[ { ,` (not "Wash your hands!").
                case UInt8(ascii: "!"):
                    if [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "["), UInt8(ascii: "{"),
                        UInt8(ascii: ",")].contains(previous) { mayHaveAlias = true }
                case UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "?"): indicators += 1
                default: continue
                }
            }
            if !mayHaveAlias && indicators <= maximumDepth { return nil }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    return Refusal(line: line, column: column,
                                   message: "a value starting with '*' is read by YAML as a copy of another value, which medsite does not allow",
                                   fix: "write the value out in full; if it is text starting with '*', put it in double quotes")
                case YAML_SCALAR_EVENT:
                    if let refusal = refuseTag(event.data.scalar.tag, line: line, column: column) { return refusal }
                    continue
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let tag = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.tag : event.data.mapping_start.tag
                    if let refusal = refuseTag(tag, line: line, column: column) { return refusal }
                    depth += 1
                    if depth > maximumDepth {
                        return Refusal(line: line, column: column,
                                       message: "the YAML is nested more than \(maximumDepth) levels deep",
                                       fix: "front matter needs at most three levels (sources → source → url); remove the extra nesting")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }

    /// `!!str` (text, as quotes would make it) is the one tag front matter may carry.
    private static func refuseTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, line: Int, column: Int) -> Refusal? {
        guard let tag else { return nil }
        let name = String(cString: tag)
        if name == "tag:yaml.org,2002:str" { return nil }
        let written = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst("tag:yaml.org,2002:".count) : name
        let shown = VisibleText.escaped(written)
        return Refusal(line: line, column: column,
                       message: "'\(shown)' asks YAML for a special kind of value, which medsite does not allow",
                       fix: "delete '\(shown)'; if the text really starts with '!', put the whole value in double quotes")
    }
}
