import CYaml
import Foundation
import Yams
import MedsiteBase

enum YAMLTree {
    /// The constructor every composed tag names: one for all documents, where `Constructor.default`
    /// builds a new one each time (for every front matter). It holds three maps set at init and
    /// never changed, so sharing it across threads is safe.
    nonisolated(unsafe) static let constructor = Constructor.default

    /// The document in `yaml`, after `YAMLGuard`'s checks. Throws `YAMLGuard.Refusal` or Yams' own
    /// `YamlError`, exactly as `Yams.compose` would.
    static func compose(yaml: String, resolver: Resolver = .default) throws -> YAMLNode? {
        if let refusal = YAMLGuard.check(yaml) { throw refusal }
        // Front matter as editors write it is read from its bytes; other plain documents from
        // libyaml's events; the rest, and every error, by Yams.
        if let plain = YAMLByteReader.compose(yaml, resolver: resolver) ?? composePlain(yaml, resolver: resolver) { return plain }
        return try composeWithYams(yaml, resolver: resolver)
    }

    /// The tree built from libyaml's events, or nil when the document is left to Yams. Only for
    /// text `YAMLGuard` accepted: it bounds the nesting this recursion follows.
    static func composePlain(_ yaml: String, resolver: Resolver) -> YAMLNode? {
        PlainComposer.compose(yaml, resolver: resolver)
    }

    static func composeWithYams(_ yaml: String, resolver: Resolver) throws -> YAMLNode? {
        // Naming the encoding keeps Yams from reading the environment on every call.
        try Yams.compose(yaml: yaml, resolver, .default, .utf8).map(YAMLNode.init)
    }
}

/// Composes a document from libyaml's events as Yams' `Parser` does, or gives up (nil) on anything
/// it leaves to Yams: a syntax error, an empty stream, more than one document, a tag, an anchor, an
/// alias, a key that is not a scalar or a key given twice.
private struct PlainComposer {
    private var parser = yaml_parser_t()
    private let resolver: Resolver
    private let constructor = YAMLTree.constructor

    private init(resolver: Resolver) { self.resolver = resolver }

    static func compose(_ yaml: String, resolver: Resolver) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { buffer -> YAMLNode? in
            var composer = PlainComposer(resolver: resolver)
            guard yaml_parser_initialize(&composer.parser) == 1 else { return nil }
            defer { yaml_parser_delete(&composer.parser) }
            yaml_parser_set_encoding(&composer.parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&composer.parser, buffer.baseAddress, buffer.count)
            return composer.document()
        }
    }

    private mutating func document() -> YAMLNode? {
        guard next(expecting: YAML_STREAM_START_EVENT), next(expecting: YAML_DOCUMENT_START_EVENT) else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        guard let root = node(from: &event), next(expecting: YAML_DOCUMENT_END_EVENT),
              next(expecting: YAML_STREAM_END_EVENT) else { return nil }
        return root
    }

    private mutating func next(expecting type: yaml_event_type_t) -> Bool {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return false }
        defer { yaml_event_delete(&event) }
        return event.type == type
    }

    /// The node `event` starts (the event is consumed).
    private mutating func node(from event: inout yaml_event_t) -> YAMLNode? {
        defer { yaml_event_delete(&event) }
        let mark = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            guard data.anchor == nil, data.tag == nil || data.quoted_implicit == 1,
                  let style = Node.Scalar.Style(rawValue: numericCast(data.style.rawValue)) else { return nil }
            let bytes = UnsafeBufferPointer(start: data.value, count: data.length)
            guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
            // As Yams: a quoted scalar is text; a plain one's type is the resolver's to find.
            let tag = Tag(data.quoted_implicit == 1 ? .str : .implicit, resolver, constructor)
            return .scalar(Node.Scalar(text, tag, style), mark)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            guard data.anchor == nil, data.implicit != 0 else { return nil }
            var items: [YAMLNode] = []
            while true {
                var item = yaml_event_t()
                guard yaml_parser_parse(&parser, &item) == 1 else { return nil }
                if item.type == YAML_SEQUENCE_END_EVENT {
                    yaml_event_delete(&item)
                    return .sequence(items, mark)
                }
                guard let node = node(from: &item) else { return nil }
                items.append(node)
            }
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            guard data.anchor == nil, data.implicit != 0 else { return nil }
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys = Set<String>()
            while true {
                var keyEvent = yaml_event_t()
                guard yaml_parser_parse(&parser, &keyEvent) == 1 else { return nil }
                if keyEvent.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&keyEvent)
                    return .mapping(pairs, mark)
                }
                // Which keys Yams counts as the same depends on their resolved types; leave any
                // repeat (and any key that is not a scalar) to Yams.
                guard let key = node(from: &keyEvent), let keyScalar = key.scalar,
                      keys.insert(keyScalar.string).inserted else { return nil }
                // Yams' duplicate check hashes every key, which resolves its tag (`str`, or `int` for
                // `1:` under the default resolver); hashing it here leaves the same tag behind.
                _ = Node.scalar(keyScalar).hashValue
                var valueEvent = yaml_event_t()
                guard yaml_parser_parse(&parser, &valueEvent) == 1, let value = node(from: &valueEvent) else { return nil }
                pairs.append((key, value))
            }
        default:
            return nil
        }
    }
}
