import Dispatch

/// Runs `count` jobs at once, each on a thread of its own, and waits for all.
///
/// Not `DispatchQueue.concurrentPerform`: called inside another
/// `concurrentPerform` (the parts of a large source inside the sources of a
/// run's wave), it gets a width of one and runs its jobs one after another, and
/// a job waiting for a pool thread that another job holds runs late. A serial
/// queue of its own is given a thread of its own, so the jobs share the cores
/// through the system's scheduler whatever else is running.
enum SideBySide {
    static func run(_ count: Int, label: String, _ job: @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { job(0) }
            return
        }
        // The jobs do not outlive this call: it waits for every one.
        withoutActuallyEscaping(job) { job in
            let group = DispatchGroup()
            for k in 1..<count {
                DispatchQueue(label: "impact.\(label).\(k)").async(group: group) { job(k) }
            }
            job(0)
            group.wait()
        }
    }
}
