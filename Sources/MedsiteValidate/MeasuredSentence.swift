import MedsiteBase
import MedsiteParse

/// One sentence as counted for readability: where it starts and how long it is.
struct MeasuredSentence {
    let words: Int
    let syllables: Int
    let position: SourcePosition
}
