import SwanCore

/// One breach (RULES.md §13.2; OUTPUTS.md §2 `breaches`).
public struct BreachRecord: Equatable, Sendable {
    public var provider: String
    public var providerIndex: Int
    public var status: String
    public var startTime: Int64
    public var endTime: Int64
    public var startSeq: Int64
    public var endSeq: Int64?
    public var ubiOutstandingAtStart: Int64
    public var paidRunningAtStart: Int64
    public var open: Bool

    public var durationSeconds: Int64 { endTime - startTime }

    public init(provider: String, providerIndex: Int, status: String, startTime: Int64, endTime: Int64,
                startSeq: Int64, endSeq: Int64?, ubiOutstandingAtStart: Int64, paidRunningAtStart: Int64, open: Bool) {
        self.provider = provider
        self.providerIndex = providerIndex
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.startSeq = startSeq
        self.endSeq = endSeq
        self.ubiOutstandingAtStart = ubiOutstandingAtStart
        self.paidRunningAtStart = paidRunningAtStart
        self.open = open
    }
}
