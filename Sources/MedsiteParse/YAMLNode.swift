import CYaml
import Foundation
import Yams
import MedsiteBase

/// A composed YAML document as medsite reads it: Yams' scalars (so `true`, `12` or `~` are typed
/// exactly as Yams types them) with the position of every node.
///
/// Yams composes front matter through an object per libyaml event, a tag object per node and a
/// duplicate-key check that hashes whole nodes: 2.5 times what libyaml itself costs. `YAMLTree`
/// builds the same tree straight from libyaml's events when the document is plain (no tags,
/// anchors, aliases, repeated keys or errors), and otherwise asks Yams, so every error and every
/// unusual document is still Yams' own.
indirect enum YAMLNode {
    case scalar(Node.Scalar, YAMLMark)
    case mapping([(key: YAMLNode, value: YAMLNode)], YAMLMark)
    case sequence([YAMLNode], YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(_, let mark), .mapping(_, let mark), .sequence(_, let mark): mark
        }
    }

    var scalar: Node.Scalar? {
        if case .scalar(let scalar, _) = self { return scalar }
        return nil
    }

    var sequenceItems: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var bool: Bool? { scalar.flatMap(Bool.construct) }
    var int: Int? { scalar.flatMap(Int.construct) }
    var float: Double? { scalar.flatMap(Double.construct) }
    var null: NSNull? { scalar.flatMap(NSNull.construct) }

    /// Yams' tree, with positions (Yams gives every node it composes one).
    init(_ node: Node) {
        let mark = YAMLMark(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar): self = .scalar(scalar, mark)
        case .mapping(let mapping): self = .mapping(mapping.map { (YAMLNode($0.key), YAMLNode($0.value)) }, mark)
        case .sequence(let sequence): self = .sequence(sequence.map(YAMLNode.init), mark)
        // Aliases are refused before composing (YAMLGuard); an empty value stands in, to be safe.
        case .alias: self = .scalar(Node.Scalar(""), mark)
        }
    }
}
