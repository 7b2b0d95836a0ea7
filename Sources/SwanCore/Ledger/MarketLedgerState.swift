/// What a market run's ledger says beyond version 1 (OUTPUTS-MARKET §4 "State root"): each
/// provider's asking price, last reputation, clean streak and all-time system walk, and
/// every auction task not yet settled with its round and jobs.
///
/// Folded from the entries alone, like the rest of `LedgerState`, so the writer and the
/// checker compute the same root. The 7- and 30-day windows are functions of the ledger and
/// are not held here.
public struct MarketLedgerState: Sendable, Equatable {
    /// A provider's market state, by registration index.
    public struct ProviderMarket: Sendable, Equatable {
        public var askingPriceAtto: Int128?
        /// nil until its first `reputation` entry.
        public var reputation: Int128?
        public var streak: Int64 = 0
        public var sAll: Int64 = 50
    }

    /// The task states an open auction can be in after an entry (RULES-MARKET M5.2).
    public enum AuctionState: String, Sendable {
        case acceptingBids = "accepting_bids"
        case processing
    }

    /// A job as the root records it.
    public struct Job: Sendable, Equatable {
        public var provider: Int32
        public var state: JobState
        public var lockAtto: Int128
        public var ref: JobRef
    }

    /// An auction task that has not settled.
    public struct OpenAuction: Sendable, Equatable {
        public var task: String
        public var state: AuctionState
        public var round: Int64
        public var jobs: [Job]
    }

    public private(set) var providers: [ProviderMarket] = []
    public private(set) var auctions: [OpenAuction] = []

    mutating func apply(_ entry: Entry) {
        let p = Int(entry.providerIndex)
        switch entry.payload {
        case .register(let terms):
            if p == providers.count { providers.append(ProviderMarket(askingPriceAtto: terms.askingPriceAtto)) }
        case .priceSet(_, let new) where providers.indices.contains(p):
            providers[p].askingPriceAtto = new
        case .reputation(let figures) where providers.indices.contains(p):
            providers[p].reputation = figures.total
            providers[p].streak = figures.streak
            providers[p].sAll = figures.sAll
        case .auctionOpen(let round, _):
            guard let task = entry.task else { return }
            if let index = auctions.firstIndex(where: { $0.task == task }) {
                auctions[index].state = .acceptingBids
                auctions[index].round = round
            } else {
                auctions.append(OpenAuction(task: task, state: .acceptingBids, round: round, jobs: []))
            }
        case .jobAssign(let job, _, _, _):
            update(entry.task) {
                $0.state = .processing
                $0.jobs.append(Job(provider: entry.providerIndex, state: .running, lockAtto: entry.amountAtto ?? 0, ref: job))
            }
        case .jobSubmit(let job): setJob(entry.task, job, .submitted)
        case .jobFail(let job, _, _): setJob(entry.task, job, .failed)
        case .jobCancel(let job): setJob(entry.task, job, .cancelled)
        case .auctionComplete, .auctionFail, .auctionRefund:
            auctions.removeAll { $0.task == entry.task }
        default:
            break
        }
    }

    private mutating func update(_ task: String?, _ change: (inout OpenAuction) -> Void) {
        guard let task, let index = auctions.firstIndex(where: { $0.task == task }) else { return }
        change(&auctions[index])
    }

    private mutating func setJob(_ task: String?, _ job: JobRef, _ state: JobState) {
        update(task) { auction in
            if let index = auction.jobs.firstIndex(where: { $0.ref == job }) { auction.jobs[index].state = state }
        }
    }

    /// The market part of the state bytes (docs/LEDGER-ENCODING.md "State root, market run").
    func seal(into out: inout ByteWriter) {
        out.u32(UInt32(providers.count))
        for provider in providers {
            out.optional(provider.askingPriceAtto) { $0.i128($1) }
            out.optional(provider.reputation) { $0.i128($1) }
            out.u64(UInt64(provider.streak))
            out.u64(UInt64(provider.sAll))
        }
        out.u32(UInt32(auctions.count))
        for auction in auctions {
            out.string(auction.task)
            out.string(auction.state.rawValue)
            out.u64(UInt64(auction.round))
            out.u32(UInt32(auction.jobs.count))
            for job in auction.jobs {
                out.u32(UInt32(job.provider))
                out.string(job.state.rawValue)
                out.i128(job.lockAtto)
            }
        }
    }
}
