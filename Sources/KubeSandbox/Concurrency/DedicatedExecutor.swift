import NIOPosix

/// A task executor on threads of its own, apart from Swift's cooperative pool.
///
/// A real API server is another process: a client that keeps its own threads busy cannot stop it from answering.
/// In one process, the sandbox's tasks would otherwise share the cooperative pool (one thread per core) with
/// whatever the host program runs, so a few CPU-bound tasks there could hold every request past its client's read
/// timeout and every kubelet delay past its due time. Tasks that prefer this executor, and the default actors they
/// call, run on its threads instead, and the operating system shares the cores fairly between them and the pool.
public final class DedicatedExecutor: TaskExecutor {
    /// The sandbox's threads, shared by every sandbox in the process. Like NIO's singletons it is never shut down,
    /// so a task that outlives its sandbox (a watch's late cleanup) still has somewhere to run.
    public static let sandbox = DedicatedExecutor(threads: 4)

    /// One queue that every thread takes from, so a job never waits behind a long one while another thread idles.
    private let pool: NIOThreadPool

    /// Starts `threads` threads that live as long as the process.
    public init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // The pool is never shut down, so every job runs; a cancelled state cannot happen.
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}
