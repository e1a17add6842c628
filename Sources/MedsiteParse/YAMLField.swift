import Yams
import MedsiteBase

/// One `key: value` pair of a YAML mapping, with file positions already shifted to the real file.
struct YAMLField {
    let key: String
    let keyPosition: SourcePosition
    let value: YAMLNode
    let valuePosition: SourcePosition
}
