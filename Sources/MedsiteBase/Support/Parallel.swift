import Dispatch

extension Array where Element: Sendable {
    /// Maps every element on all cores and returns the results in input order, so the output of a
    /// parallel build is identical to a serial one.
    package func parallelMap<Result: Sendable>(serial: Bool = false, _ transform: @Sendable (Element) -> Result) -> [Result] {
        if serial || count < 2 { return map(transform) }
        return parallelMap(startingWith: [Never](), { _ in () }, transform).results
    }

    /// `parallelMap`, with other work on the same cores: `jobs` are handed out first, so a long one
    /// (the home page lists every article) runs while the other cores map, instead of after the map
    /// with one core idle. Both results are in input order.
    package func parallelMap<Result: Sendable, Job: Sendable, JobResult: Sendable>(
        serial: Bool = false, startingWith jobs: [Job], _ runJob: @Sendable (Job) -> JobResult,
        _ transform: @Sendable (Element) -> Result
    ) -> (results: [Result], jobResults: [JobResult]) {
        if serial { return (map(transform), jobs.map(runJob)) }
        let buffer = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deallocate() }
        let jobBuffer = UnsafeMutableBufferPointer<JobResult?>.allocate(capacity: jobs.count)
        jobBuffer.initialize(repeating: nil)
        defer { jobBuffer.deallocate() }
        let slots = SendableBuffer(buffer: buffer), jobSlots = SendableBuffer(buffer: jobBuffer)
        self.withUnsafeBufferPointer { input in
            jobs.withUnsafeBufferPointer { jobInput in
                let source = SendableInput(buffer: input), jobSource = SendableInput(buffer: jobInput)
                // Chunks keep scheduling overhead low when items are small (a few KB of Markdown each),
                // and are small enough that the cores which ran the jobs catch up on the rest.
                let chunk = Swift.max(1, count / (ProcessInfoCores.count * 32))
                let chunks = (count + chunk - 1) / chunk
                // Iterations are handed out in order, so the jobs start before any chunk.
                DispatchQueue.concurrentPerform(iterations: jobSource.buffer.count + chunks) { index in
                    if index < jobSource.buffer.count {
                        jobSlots.buffer[index] = runJob(jobSource.buffer[index])
                        return
                    }
                    let start = (index - jobSource.buffer.count) * chunk
                    let end = Swift.min(start + chunk, source.buffer.count)
                    for position in start..<end {
                        slots.buffer[position] = transform(source.buffer[position])
                    }
                }
            }
        }
        return (buffer.map { $0! }, jobBuffer.map { $0! })
    }
}

/// Runs `first` and `second` at the same time (one after the other when `serial`).
package func inParallel<A: Sendable, B: Sendable>(serial: Bool = false, _ first: @Sendable () -> A,
                                          _ second: @Sendable () -> B) -> (A, B) {
    if serial { return (first(), second()) }
    let results = [0, 1].parallelMap { index -> (A?, B?) in index == 0 ? (first(), nil) : (nil, second()) }
    return (results[0].0!, results[1].1!)
}

/// Each index of the buffer is written by exactly one iteration, so sharing it is race-free.
private struct SendableBuffer<T>: @unchecked Sendable { let buffer: UnsafeMutableBufferPointer<T?> }
private struct SendableInput<T>: @unchecked Sendable { let buffer: UnsafeBufferPointer<T> }

enum ProcessInfoCores {
    static let count: Int = {
        #if canImport(Glibc)
        return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 4
        #endif
    }()
}

#if canImport(Glibc)
import Glibc
#endif

/// A value computed on another thread from the moment it is made: a build reads its cache and its
/// records while the main thread scans Content/. `value` waits for it.
package final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once, before `done` is signalled; read only after a wait.
    private var result: Value?

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    package var value: Value {
        done.wait()
        done.signal() // later reads return at once
        return result!
    }
}
