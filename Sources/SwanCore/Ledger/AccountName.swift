/// A ledger account name (RULES.md §3), parsed from or rendered to its text form.
///
/// Account names are the keys of balances in transfers, snapshots and `expect`; the text
/// form is the one stored in `transfers.debit`/`credit` and hashed into the state root.
public enum AccountName: Hashable, Sendable {
    case genesis, reserve, ubiPool, slashedFunds, slashDebt, treasury
    case user(String)
    case task(String)
    case providerWallet(String)
    case providerFree(String)
    case providerEscrow(String)

    /// Parses `reserve`, `user/<id>`, `cp/<id>/free`, …; nil for anything else.
    public init?(_ text: String) {
        switch text {
        case "genesis": self = .genesis
        case "reserve": self = .reserve
        case "ubi_pool": self = .ubiPool
        case "slashed_funds": self = .slashedFunds
        case "slash_debt": self = .slashDebt
        case "treasury": self = .treasury
        default:
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            switch (parts.count, parts.first) {
            case (2, "user") where !parts[1].isEmpty: self = .user(parts[1])
            case (2, "task") where !parts[1].isEmpty: self = .task(parts[1])
            case (3, "cp") where !parts[1].isEmpty:
                switch parts[2] {
                case "wallet": self = .providerWallet(parts[1])
                case "free": self = .providerFree(parts[1])
                case "escrow": self = .providerEscrow(parts[1])
                default: return nil
                }
            default: return nil
            }
        }
    }

    /// The stored and hashed text form.
    public var text: String {
        switch self {
        case .genesis: "genesis"
        case .reserve: "reserve"
        case .ubiPool: "ubi_pool"
        case .slashedFunds: "slashed_funds"
        case .slashDebt: "slash_debt"
        case .treasury: "treasury"
        case .user(let id): "user/" + id
        case .task(let id): "task/" + id
        case .providerWallet(let id): "cp/" + id + "/wallet"
        case .providerFree(let id): "cp/" + id + "/free"
        case .providerEscrow(let id): "cp/" + id + "/escrow"
        }
    }

    /// A `grant` may credit only a client's or a provider's wallet (SCENARIO-FORMAT.md §3.7).
    public var isGrantTarget: Bool {
        switch self {
        case .user, .providerWallet: true
        default: false
        }
    }

    /// The provider an account belongs to, if any.
    public var provider: String? {
        switch self {
        case .providerWallet(let id), .providerFree(let id), .providerEscrow(let id): id
        default: nil
        }
    }
}
