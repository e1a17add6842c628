/// A line and column in a file, both counted from 1.
public struct SourcePosition: Hashable, Sendable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int = 1) {
        self.line = line
        self.column = column
    }
    public static let start = SourcePosition(line: 1, column: 1)
}
