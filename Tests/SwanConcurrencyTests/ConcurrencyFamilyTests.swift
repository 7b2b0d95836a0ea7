import SwanConcurrency
import Testing

@Suite("The concurrency family: a locked box, a bounded queue, a joinable thread, a serial worker")
struct ConcurrencyFamilyTests {
    @Test("a bounded queue hands items over in order and never holds more than its capacity")
    func boundedQueue() {
        let queue = BoundedQueue<Int>(capacity: 3)
        let received = Locked<[Int]>([])
        let largest = Locked(0)
        let inFlight = Locked(0)
        let consumer = WorkerThread {
            while let item = queue.pop() {
                received.withLock { $0.append(item) }
                inFlight.withLock { $0 -= 1 }
            }
        }
        for item in 0..<500 {
            inFlight.withLock { $0 += 1 }
            #expect(queue.push(item))
            largest.withLock { $0 = max($0, inFlight.value) }
        }
        queue.close()
        consumer.join()
        #expect(received.value == Array(0..<500))
        // Pushed but not yet popped: at most the capacity, plus the one the consumer holds.
        #expect(largest.value <= 4)
    }

    @Test("a queue keeps no reference to an item once it is taken, however long the producer keeps ahead")
    func releasesTakenItems() {
        final class Item: Sendable {}
        let queue = BoundedQueue<Item>(capacity: 2)
        weak var first: Item?
        do {
            let item = Item()
            first = item
            queue.push(item)
            queue.push(Item())
        }
        _ = queue.pop()
        queue.push(Item())  // the queue never empties: a taken item must still be let go
        #expect(first == nil)
    }

    @Test("a stopped queue drops what waits and refuses pushes, so a producer never waits on no one")
    func stoppedQueue() {
        let queue = BoundedQueue<Int>(capacity: 1)
        #expect(queue.push(1))
        let producer = WorkerThread { _ = queue.push(2) }  // waits: the queue is full
        queue.stop()
        producer.join()
        #expect(!queue.push(3))
        #expect(queue.pop() == nil)
    }

    @Test("a serial worker runs work in order on its own state, and sync waits for what came before")
    func serialWorker() {
        let worker = SerialWorker(capacity: 2, state: [Int]())
        for value in 0..<100 { worker.async { $0.append(value) } }
        #expect(worker.sync { $0 } == Array(0..<100))
        worker.close()
    }

    @Test("workers sharing a locked counter lose no update, and join waits for each")
    func lockedCounter() {
        let counter = Locked(0)
        let workers = (0..<4).map { _ in WorkerThread { for _ in 0..<10_000 { counter.withLock { $0 += 1 } } } }
        for worker in workers { worker.join() }
        #expect(counter.value == 40_000)
    }
}
