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

extension AccountName {
    /// An account's kind as `swansim-entry/3` writes it (docs/LEDGER-ENCODING.md "Accounts"):
    /// a system account is its code alone; an owned account is its code and its owner's id,
    /// or its code + 0x80 when the owner is the entry's own provider, task or user.
    public struct Code: Equatable, Sendable {
        public let value: UInt8
        /// The text around the owner's id in the account's name.
        public let ownerPrefix: String
        public let ownerSuffix: String

        /// Codes below this one are the six system accounts (their `AccountID`s too).
        public static let firstOwned: UInt8 = 6
        /// The flag added to an owned account's code when its owner is the entry's own.
        public static let ownFlag: UInt8 = 0x80

        /// Every code, by value.
        public static let all: [Code] = [
            Code(0, "genesis"), Code(1, "reserve"), Code(2, "ubi_pool"), Code(3, "slashed_funds"), Code(4, "slash_debt"),
            Code(5, "treasury"), Code(6, "user/", ""), Code(7, "task/", ""), Code(8, "cp/", "/wallet"),
            Code(9, "cp/", "/free"), Code(10, "cp/", "/escrow"),
        ]

        private init(_ value: UInt8, _ prefix: String, _ suffix: String = "") {
            self.value = value
            ownerPrefix = prefix
            ownerSuffix = suffix
        }

        public init?(rawValue: UInt8) {
            guard Int(rawValue) < Self.all.count else { return nil }
            self = Self.all[Int(rawValue)]
        }

        /// Whether an owner's id follows the code.
        public var isOwned: Bool { value >= Self.firstOwned }

        /// The entry field an owned account's own form refers to.
        public var ownerField: OwnerField {
            switch value {
            case 6: .user
            case 7: .task
            default: .provider
            }
        }

        public enum OwnerField: Sendable { case provider, task, user }
    }

    /// The account's code; a system account's prefix is its whole name.
    public var code: Code {
        switch self {
        case .genesis: Code.all[0]
        case .reserve: Code.all[1]
        case .ubiPool: Code.all[2]
        case .slashedFunds: Code.all[3]
        case .slashDebt: Code.all[4]
        case .treasury: Code.all[5]
        case .user: Code.all[6]
        case .task: Code.all[7]
        case .providerWallet: Code.all[8]
        case .providerFree: Code.all[9]
        case .providerEscrow: Code.all[10]
        }
    }
}
