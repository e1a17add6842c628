import Foundation
import Testing

/// Replays the fuzz corpus and every saved crash (Tests/Fuzz/regressions) through the fuzzed
/// pipeline, with the plain (non-libFuzzer) build of `medsite-fuzz`, under a deadline.
@Suite struct FuzzRegressionTests {
    static var replayBinary: String {
        URL(fileURLWithPath: MedsiteProcess.binary).deletingLastPathComponent().appendingPathComponent("medsite-fuzz").path
    }

    @Test func savedInputsReplayWithoutACrashOrAHang() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/Fuzz"
        let inputs = try ["corpus", "regressions"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder).map { root + "/" + folder + "/" + $0 }
        }
        #expect(inputs.count >= 15)
        let replay = try SpawnedProcess(Self.replayBinary, inputs)
        #expect(replay.wait(atMost: 120) == .exited(0), "\(replay.output)")
        #expect(replay.output.contains("\(inputs.count) inputs replayed without a crash"))
        #expect(replay.peakMemoryKiB < 1_000_000, "peak memory \(replay.peakMemoryKiB) KiB")
    }
}
