import MedsiteBase

/// One render: the context stack and the bytes written so far.
struct MustacheRenderer {
    /// What swift-mustache's context carries besides the stack: a partial's indentation, the
    /// parent's block overrides, the content type.
    struct Frame {
        var indentation: [UInt8]?
        var overrides: [String: [MustacheNode]]?
        var escaping: MustacheEscaping
    }

    let templates: [String: [MustacheNode]]
    private var stack: [TemplateValue]
    private(set) var output: [UInt8] = []

    init(templates: [String: [MustacheNode]], root: TemplateValue) {
        self.templates = templates
        stack = [root]
        stack.reserveCapacity(8)
        output.reserveCapacity(32 * 1024)
    }

    /// One template or section body. Under an indentation (a standalone partial's), a node that
    /// writes anything right after a newline this body wrote is indented, as swift-mustache does
    /// (its check is `String.last == "\n"`, so not after `\r\n`).
    mutating func render(_ nodes: [MustacheNode], _ frame: Frame) {
        var frame = frame
        if let indentation = frame.indentation, !indentation.isEmpty {
            let start = output.count
            for node in nodes {
                let mark = output.count
                let afterNewline = mark > start && output[mark - 1] == 0x0A && !(mark - 2 >= start && output[mark - 2] == 0x0D)
                render(node, &frame)
                if afterNewline, output.count > mark { output.insert(contentsOf: indentation, at: mark) }
            }
        } else {
            for node in nodes { render(node, &frame) }
        }
    }

    private mutating func render(_ node: MustacheNode, _ frame: inout Frame) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = lookUp(name) else { return }
            write(value, escaping: escaped ? frame.escaping : .none)
        case .section(let name, let content):
            guard let value = lookUp(name) else { return }
            switch value {
            case .list(let items):
                for item in items {
                    stack.append(item)
                    render(content, frame)
                    stack.removeLast()
                }
            case .bool(let flag):
                if flag { render(content, frame) }
            default:
                stack.append(value)
                render(content, frame)
                stack.removeLast()
            }
        case .invertedSection(let name, let content):
            switch lookUp(name) {
            case .list(let items)?:
                // swift-mustache pushes the empty list (`{{.}}` inside writes `[]`).
                guard items.isEmpty else { return }
                stack.append(.list(items))
                render(content, frame)
                stack.removeLast()
            case .bool(let flag)?:
                if !flag { render(content, frame) }
            case nil:
                render(content, frame)
            default:
                return
            }
        case .block(let name, let content, let indentation):
            let inner = Frame(indentation: (frame.indentation ?? []) + indentation, overrides: frame.overrides, escaping: frame.escaping)
            render(frame.overrides?[name] ?? content, inner)
        case .blockDefinition:
            return // only inside a parent, where the compiler collects them as overrides
        case .partial(let name, let dynamic, let indentation, let overrides):
            var templateName = name
            if dynamic {
                guard case .string(let named)? = lookUp(MustacheName(name)) else { return }
                templateName = named
            }
            guard let nodes = templates[templateName] else { return }
            var merged = frame.overrides
            if let overrides {
                // The outer parent's overrides win, as in swift-mustache.
                merged = frame.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            let inner = Frame(indentation: indentation.map { (frame.indentation ?? []) + $0 } ?? frame.indentation,
                              overrides: merged, escaping: .html)
            render(nodes, inner)
        case .escaping(let escaping):
            frame.escaping = escaping
        }
    }

    /// swift-mustache's name resolution: the first part up the stack, the rest inside what it found.
    /// Only objects have children (a string, number or list pushed by a section has none).
    @inline(__always)
    private func lookUp(_ name: MustacheName) -> TemplateValue? {
        let components = name.components
        guard let first = components.first else { return stack.last }
        var found: TemplateValue?
        if name.anchored {
            if case .object(let values)? = stack.last { found = values.value(named: first) }
        } else {
            var index = stack.count - 1
            while index >= 0 {
                if case .object(let values) = stack[index], let value = values.value(named: first) {
                    found = value
                    break
                }
                index -= 1
            }
        }
        guard var value = found else { return nil }
        var index = 1
        while index < components.count {
            guard case .object(let values) = value, let child = values.value(named: components[index]) else { return nil }
            value = child
            index += 1
        }
        return value
    }

    private mutating func write(_ value: TemplateValue, escaping: MustacheEscaping) {
        switch value {
        case .string(let text): write(text, escaping: escaping)
        case .bool(let flag): write(flag ? "true" : "false", escaping: .none)
        default: write(value.text, escaping: escaping)
        }
    }

    private mutating func write(_ text: String, escaping: MustacheEscaping) {
        switch escaping {
        case .html: HTML.escape(text, into: &output)
        case .none: HTML.append(text, to: &output)
        }
    }
}
