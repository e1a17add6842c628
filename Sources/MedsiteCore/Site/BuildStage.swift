import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// The stages of a build, in order, as a progress display names them.
public enum BuildStage: String, Sendable, CaseIterable {
    case parsing = "Reading"
    case validating = "Checking"
    case writing = "Writing"
}
