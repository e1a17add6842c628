import CYaml
import Foundation
import Yams
import MedsiteBase

/// A 1-based line and column of the YAML text, as Yams' `Mark`.
struct YAMLMark: Equatable {
    let line: Int
    let column: Int
}
