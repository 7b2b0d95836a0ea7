import SwanConcurrency
import SwanCore

/// Runs `consume` for every block the engine seals, hashed, on a second thread when `pipelined`.
///
/// Stage one runs on the calling thread: the engine decides, folds and encodes, and the
/// hashing stage hashes each sealed block once (it was measured to balance the two threads
/// best there: hashing is about as costly as the checker's decoding). Stage two, on its
/// own thread behind a `BoundedQueue` of four blocks (so memory stays bounded by open work
/// when one stage is slower), writes SQLite, runs the checker and renders the daily rows.
/// Unpipelined, both run on the calling thread, block by block. Blocks are handed over in
/// order and each stage's work depends only on the blocks, so the outputs are the same
/// either way.
enum BlockStages {
    /// Why the producer stopped: the consumer failed first.
    struct ConsumerStopped: Error {}

    static func run(engine: Engine, chain: BlockChain, pipelined: Bool,
                    consume: @escaping (HashedBlock) throws -> Void) throws {
        var chain = chain
        guard pipelined else {
            try engine.run { try consume(chain.hash($0)) }
            return
        }
        let queue = BoundedQueue<HashedBlock>(capacity: 4)
        let failure = Locked<(any Error)?>(nil)
        // `consume` (and what it captured) runs on stage two only; this thread reads nothing it
        // captured before `join()`.
        let consumer = Handoff(consume)
        let stageTwo = WorkerThread {
            while let block = queue.pop() {
                do {
                    try consumer.value(block)
                } catch {
                    failure.withLock { $0 = error }
                    queue.stop()
                    return
                }
            }
        }
        var producerError: (any Error)?
        do {
            try engine.run { guard queue.push(chain.hash($0)) else { throw ConsumerStopped() } }
        } catch {
            producerError = error
        }
        queue.close()
        stageTwo.join()
        if let failure = failure.value { throw failure }
        if let producerError { throw producerError }
    }
}
