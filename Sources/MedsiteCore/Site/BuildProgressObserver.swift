import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// Follows a build as it runs, for a progress display. Called from many threads at once, so
/// implementations must be thread-safe; each call must be cheap (it runs once per article).
public protocol BuildProgressObserver: AnyObject, Sendable {
    /// A stage begins; `total` is how many items it will finish (0 when it does not count).
    func stageStarted(_ stage: BuildStage, total: Int)
    /// One item (article or page) of the current stage is done.
    func itemFinished()
}
