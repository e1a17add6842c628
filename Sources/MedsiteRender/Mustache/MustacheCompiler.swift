import MedsiteBase

/// Parses Mustache text into `MustacheNode`s, once per template. It follows swift-mustache 2.1.1's
/// parser step for step (its whitespace, standalone-line and indentation rules, which are not all
/// the spec's), so the compiled renderer writes the bytes swift-mustache writes. It works on
/// `Character`s, as that parser does: newline and whitespace tests then agree for every input.
///
/// What it does not compile it reports as `Unsupported` (the theme then renders through
/// swift-mustache): transforms (`{{count(list)}}`, `{{index()}}`) and `{{% CONTENT_TYPE: HTML}}`.
struct MustacheCompiler {
    struct Unsupported: Error, CustomStringConvertible {
        let feature: String
        var description: String { "not compiled: \(feature)" }
    }

    enum Failure: Error {
        case sectionCloseNameIncorrect, unfinishedName, expectedSectionEnd, invalidSetDelimiter
        case illegalTokenInsideInheritSection, invalidConfigVariableSyntax, unrecognisedConfigVariable, overflow
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private let characters: [Character]
    private var position = 0

    /// Compiles one template; throws `Unsupported` or a `Failure`.
    static func compile(_ text: String) throws -> [MustacheNode] {
        var compiler = MustacheCompiler(characters: Array(text))
        return try compiler.parse(State())
    }

    private init(characters: [Character]) { self.characters = characters }

    // MARK: Reading

    private var reachedEnd: Bool { position == characters.count }
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    private mutating func read(while test: (Character) -> Bool) -> [Character] {
        let start = position
        while !reachedEnd, test(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    /// Reads `string` if it comes next; throws when fewer characters are left than it has.
    private mutating func read(_ string: [Character]) throws -> Bool {
        guard !string.isEmpty else { return true }
        guard characters.count - position >= string.count else { throw Failure.overflow }
        guard Array(characters[position..<position + string.count]) == string else { return false }
        position += string.count
        return true
    }

    private mutating func read(_ character: Character) throws -> Bool {
        guard !reachedEnd else { throw Failure.overflow }
        guard characters[position] == character else { return false }
        position += 1
        return true
    }

    private mutating func read(until test: (Character) -> Bool) throws -> [Character] {
        let start = position
        while !reachedEnd {
            if test(characters[position]) { return Array(characters[start..<position]) }
            position += 1
        }
        position = start
        throw Failure.overflow
    }

    // MARK: Parsing

    private static func bytes(_ characters: [Character]) -> [UInt8] { Array(String(characters).utf8) }

    private mutating func parse(_ initial: State) throws -> [MustacheNode] {
        var nodes: [MustacheNode] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(.text(Self.bytes(whiteSpaceBefore)))
                whiteSpaceBefore = []
            }
        }
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = read(while: { $0 == " " || $0 == "\t" })
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(state)
            if current.isNewline {
                nodes.append(.text(Self.bytes(whiteSpaceBefore + text + [current])))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Self.bytes(whiteSpaceBefore + text)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let content = try parse(state.withSectionName(name, newLine: setNewLine))
                nodes.append(inverted ? .invertedSection(MustacheName(name), content) : .section(MustacheName(name), content))

            case "/":
                position += 1
                let name = try parseName(state)
                guard name == state.sectionName else { throw Failure.sectionCloseNameIncorrect }
                if !isStandalone(state) { flushWhiteSpace() }
                return nodes

            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{":
                flushWhiteSpace()
                position += 1
                let name = try parseName(state)
                guard try read("}") else { throw Failure.unfinishedName }
                nodes.append(.variable(MustacheName(name), escaped: false))

            case "&":
                flushWhiteSpace()
                position += 1
                nodes.append(.variable(MustacheName(try parseName(state)), escaped: false))

            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                var dynamic = false
                if current == "*" {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Self.bytes(whiteSpaceBefore))) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name: name, dynamic: dynamic, indentation: Self.bytes(whiteSpaceBefore), overrides: nil))
                } else {
                    nodes.append(.partial(name: name, dynamic: dynamic, indentation: nil, overrides: nil))
                }
                whiteSpaceBefore = []

            case "<":
                position += 1
                _ = read(while: \.isWhitespace)
                let sectionName = try parsePartialName(state)
                let dynamic = sectionName.first == "*"
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(Self.bytes(whiteSpaceBefore))) }
                if isStandalone(state) { setNewLine = true }
                let content = try parse(state.withInheritancePartial(sectionName))
                var overrides: [String: [MustacheNode]] = [:]
                for node in content {
                    switch node {
                    case .blockDefinition(let block, let blockContent): overrides[block] = blockContent
                    case .text: break
                    default: throw Failure.illegalTokenInsideInheritSection
                    }
                }
                nodes.append(.partial(name: name, dynamic: dynamic, indentation: Self.bytes(whiteSpaceBefore), overrides: overrides))
                whiteSpaceBefore = []

            case "$":
                position += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let content = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name: name, content: content))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(Self.bytes(whiteSpaceBefore))) }
                    if isStandalone(state) { setNewLine = true }
                    let content = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.block(name: name, content: content, indentation: Self.bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }

            case "=":
                position += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                position += 1
                nodes.append(.escaping(try readContentType(state)))
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                nodes.append(.variable(MustacheName(try parseName(state)), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Failure.expectedSectionEnd }
        return nodes
    }

    /// Text up to a newline (left unread) or past the next start delimiter.
    private mutating func readUntilDelimiterOrNewline(_ state: State) throws -> [Character] {
        guard let first = state.startDelimiter.first else { return [] }
        var total: [Character] = []
        while !reachedEnd {
            while !reachedEnd, characters[position] != "\n", characters[position] != "\r\n", characters[position] != first {
                total.append(characters[position])
                position += 1
            }
            if current.isNewline {
                break
            } else if current == first {
                if try read(state.startDelimiter) { break }
                total.append(first)
                position += 1
            }
        }
        return total
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// A tag's name up to the end delimiter. Brackets are swift-mustache transforms: not compiled.
    private mutating func parseName(_ state: State) throws -> String {
        _ = read(while: \.isWhitespace)
        let name = read(while: { Self.nameCharacters.contains($0) || $0 == "(" || $0 == ")" })
        _ = read(while: \.isWhitespace)
        guard try read(state.endDelimiter) else { throw Failure.unfinishedName }
        if name.contains("(") || name.contains(")") { throw Unsupported(feature: "transform \(String(name))") }
        return String(name)
    }

    private mutating func parsePartialName(_ state: State) throws -> String {
        _ = read(while: \.isWhitespace)
        let name = read(while: { Self.partialNameCharacters.contains($0) })
        _ = read(while: \.isWhitespace)
        guard try read(state.endDelimiter) else { throw Failure.unfinishedName }
        return String(name)
    }

    /// swift-mustache's search for the end delimiter, which restarts after a partial match rather
    /// than at it (`%%>` does not end a comment under `<% %>`): the same comments end in the same place.
    private mutating func skipComment(_ state: State) throws {
        let end = state.endDelimiter
        guard !end.isEmpty else { return }
        var index = position
        var matched = 0
        while index < characters.count {
            if characters[index] == end[matched] {
                matched += 1
                if matched == end.count {
                    position = index + 1
                    return
                }
            } else {
                matched = 0
            }
            index += 1
        }
        throw Failure.overflow
    }

    private mutating func setDelimiters(_ state: State) throws -> State {
        let start: [Character]
        let end: [Character]
        do {
            _ = read(while: \.isWhitespace)
            start = try read(until: \.isWhitespace)
            _ = read(while: \.isWhitespace)
            end = try read(until: { $0 == "=" || $0.isWhitespace })
            _ = read(while: \.isWhitespace)
        } catch {
            throw Failure.invalidSetDelimiter
        }
        guard try read("=") else { throw Failure.invalidSetDelimiter }
        guard try read(state.endDelimiter) else { throw Failure.invalidSetDelimiter }
        guard !start.isEmpty, !end.isEmpty else { throw Failure.invalidSetDelimiter }
        var state = state
        state.startDelimiter = start
        state.endDelimiter = end
        state.isPartialDefinitionTopLevel = false
        return state
    }

    private static let configCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

    private mutating func readContentType(_ state: State) throws -> MustacheEscaping {
        let variable: [Character]
        let value: [Character]
        do {
            _ = read(while: \.isWhitespace)
            variable = read(while: { Self.configCharacters.contains($0) })
            _ = read(while: \.isWhitespace)
            guard try read(":") else { throw Failure.invalidConfigVariableSyntax }
            _ = read(while: \.isWhitespace)
            value = read(while: { Self.configCharacters.contains($0) })
            _ = read(while: \.isWhitespace)
            guard try read(state.endDelimiter) else { throw Failure.invalidConfigVariableSyntax }
        } catch {
            throw Failure.invalidConfigVariableSyntax
        }
        guard !variable.isEmpty, !value.isEmpty else { throw Failure.invalidConfigVariableSyntax }
        guard String(variable) == "CONTENT_TYPE" else { throw Failure.unrecognisedConfigVariable }
        switch String(value) {
        case FastHTMLContentType.name: return .html
        case "TEXT": return .none
        default: throw Unsupported(feature: "content type \(String(value))")
        }
    }

    private mutating func isStandalone(_ state: State) -> Bool {
        state.newLine && hasLineFinished()
    }

    /// Only spaces and tabs up to a newline (consumed with them) or the end of the text.
    private mutating func hasLineFinished() -> Bool {
        if reachedEnd { return true }
        var index = position
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        if index < characters.count, characters[index].isNewline {
            position = index + 1
            return true
        }
        return false
    }
}
