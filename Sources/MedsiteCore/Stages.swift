// MedsiteCore is the last stage, the build, and for its clients (the CLI, the preview, the tests and
// the fuzzer) the whole pipeline: importing it brings the earlier stages too. Inside the pipeline each
// stage imports only the stages before it (Package.swift), so the compiler keeps the order.
@_exported import MedsiteBase
@_exported import MedsiteParse
@_exported import MedsiteValidate
@_exported import MedsiteRender
