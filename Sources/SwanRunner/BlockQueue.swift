import Foundation
import SwanCore

/// A bounded hand-over of hashed blocks from the engine's thread to the thread that
/// stores and checks them (issue 7, stage one → stage two).
///
/// At most `capacity` blocks wait, so memory stays bounded by open work even when one
/// stage is slower. Blocks come out in the order they went in, and each block's work is
/// a function of its bytes alone, so the outputs do not depend on the scheduling.
final class BlockQueue: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`.
    private let condition = NSCondition()
    private var waiting: [HashedBlock] = []
    private var closed = false
    private var consumerFailure: (any Error)?
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Why the producer stops: the consumer failed first.
    struct ConsumerFailed: Error {
        var error: any Error
    }

    /// Hands a block over, waiting while `capacity` blocks are waiting.
    func push(_ block: HashedBlock) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && consumerFailure == nil { condition.wait() }
        if let consumerFailure { throw ConsumerFailed(error: consumerFailure) }
        waiting.append(block)
        condition.broadcast()
    }

    /// The next block, or nil once the producer has closed the queue and it is empty.
    func pop() -> HashedBlock? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !closed { condition.wait() }
        guard !waiting.isEmpty else { return nil }
        let block = waiting.removeFirst()
        condition.broadcast()
        return block
    }

    /// No more blocks will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stopped with `error`: the producer's next push throws.
    func fail(_ error: any Error) {
        condition.lock()
        consumerFailure = error
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `consume` for every block the engine seals, hashed, on a second thread when `pipelined`.
///
/// Stage one runs on the calling thread: the engine decides, folds and encodes, and the
/// hashing stage hashes each sealed block once (it was measured to balance the two threads
/// best there: hashing is about as costly as the checker's decoding). Stage two, on its
/// own thread behind a `BlockQueue`, writes SQLite, runs the checker and renders the daily
/// rows. Unpipelined, both run on the calling thread, block by block. Blocks are handed
/// over in order and each stage's work depends only on the blocks, so the outputs are the
/// same either way.
enum BlockStages {
    static func run(engine: Engine, chain: BlockChain, pipelined: Bool,
                    consume: @escaping (HashedBlock) throws -> Void) throws {
        var chain = chain
        guard pipelined else {
            try engine.run { try consume(chain.hash($0)) }
            return
        }
        let queue = BlockQueue(capacity: 4)
        let done = DispatchSemaphore(value: 0)
        let box = ConsumerBox(consume)
        let thread = Thread {
            while let block = queue.pop() {
                do {
                    try box.consume(block)
                } catch {
                    box.failure = error
                    queue.fail(error)
                    break
                }
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        var producerError: (any Error)?
        do {
            try engine.run { try queue.push(chain.hash($0)) }
        } catch {
            producerError = error
        }
        queue.close()
        done.wait()
        if let failure = box.failure { throw failure }
        if let producerError { throw producerError }
    }

    /// The consumer and its failure, owned by the stage-two thread until it signals `done`.
    private final class ConsumerBox: @unchecked Sendable {
        // @unchecked: `consume` runs only on the stage-two thread; `failure` is read by the
        // calling thread only after that thread has signalled that it finished.
        let consume: (HashedBlock) throws -> Void
        var failure: (any Error)?

        init(_ consume: @escaping (HashedBlock) throws -> Void) {
            self.consume = consume
        }
    }
}
