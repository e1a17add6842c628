import MedsiteBase
import MedsiteParse
import MedsiteValidate
import MedsiteRender

/// How to build: which site, where to, and as of which day.
public struct BuildOptions: Sendable {
    public var siteDirectory: String
    public var outputDirectory: String?
    /// The day review dates are judged against (`--now`, SOURCE_DATE_EPOCH, or today).
    public var today: CalendarDate
    public var strict: Bool
    public var includeDrafts: Bool
    /// One thread only: for tests that prove parallel output is identical.
    public var serial: Bool
    /// Told about each stage and item, for a progress display (the CLI's, on a terminal).
    public var progress: (any BuildProgressObserver)? = nil
    /// Where the build cache lives (default `<site>/.medsite-cache`); `useCache` false ignores it.
    public var cacheDirectory: String? = nil
    public var useCache = true
    /// When another build of the same output folder is running: wait for it (true, saying so
    /// through `onWaiting`), or fail at once with exit status 2 (`--no-wait`).
    public var waitForOtherBuilds = true
    public var onWaiting: (@Sendable (String) -> Void)? = nil

    public init(siteDirectory: String = ".", outputDirectory: String? = nil, today: CalendarDate,
                strict: Bool = false, includeDrafts: Bool = false, serial: Bool = false) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory
        self.today = today
        self.strict = strict
        self.includeDrafts = includeDrafts
        self.serial = serial
    }

    public var resolvedOutputDirectory: String { outputDirectory ?? FileSystem.join(siteDirectory, "Output") }

    /// The cache folder: `--cache DIR`, or `.medsite-cache` in the site folder. The build cache and
    /// `check --external`'s results live there.
    public var resolvedCacheDirectory: String { cacheDirectory ?? FileSystem.join(siteDirectory, BuildCache.folderName) }
}
