/// A dense account number: the index of an account in one `AccountTable`.
///
/// Ids are local to the table that made them (the engine's and the checker's differ) and
/// are never hashed or stored; the account's name is what the ledger records.
public struct AccountID: Hashable, Comparable, Sendable {
    public var raw: UInt32

    public init(_ raw: Int) { self.raw = UInt32(raw) }

    /// The index into arrays kept per account.
    @inlinable public var index: Int { Int(raw) }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.raw < rhs.raw }

    // The six system accounts have the same id in every table (RULES.md §3).
    public static let genesis = AccountID(0)
    public static let reserve = AccountID(1)
    public static let ubiPool = AccountID(2)
    public static let slashedFunds = AccountID(3)
    public static let slashDebt = AccountID(4)
    public static let treasury = AccountID(5)
}

/// Account names interned to dense ids in order of first appearance, each name's UTF-8
/// bytes built once, and the byte order of all names kept incrementally.
///
/// The state root and `account_day` list accounts in name-byte order; new accounts are
/// sorted among themselves and merged when the order is next asked for, so no day sorts
/// every account again.
public struct AccountTable: Sendable {
    /// The parsed name of each id, for classifying an account (whose provider, which kind).
    public private(set) var names: [AccountName] = []
    private var nameBytes: [UInt8] = []
    /// nameStarts[i] ..< nameStarts[i + 1] are the bytes of id i.
    private var nameStarts: [Int] = [0]
    private var idByText: [String: AccountID] = [:]
    /// FNV-1a of a name's bytes → the first id with that hash (decoders look names up by
    /// bytes; a miss or a collision falls back to `idByText`).
    private var idByHash: [UInt64: AccountID] = [:]
    private var ordered: [AccountID] = []
    private var unordered: [AccountID] = []
    /// Each id's `swansim-entry/3` code and where its owner's id lies in its name bytes.
    private var codes: [UInt8] = []
    private var owners: [(start: Int32, count: Int32)] = []
    /// Where `intern(code:owner:)` assembles a name.
    private var scratch: [UInt8] = []

    /// A table holding the six system accounts at their fixed ids.
    public init() {
        for name in [AccountName.genesis, .reserve, .ubiPool, .slashedFunds, .slashDebt, .treasury] { intern(name) }
    }

    /// Number of accounts.
    public var count: Int { names.count }

    /// The id of `name`, adding it if it is new.
    @discardableResult
    public mutating func intern(_ name: AccountName) -> AccountID {
        let text = name.text
        if let id = idByText[text] { return id }
        return add(name, text: text)
    }

    /// The id of the account whose name is `text`, adding it if it is new; nil if `text` is
    /// not an account name. Decoders use this: known names cost one dictionary lookup.
    public mutating func intern(text: String) -> AccountID? {
        if let id = idByText[text] { return id }
        guard let name = AccountName(text) else { return nil }
        return add(name, text: text)
    }

    /// The id of `name` if it has one.
    public func id(_ name: AccountName) -> AccountID? { idByText[name.text] }

    private mutating func add(_ name: AccountName, text: String) -> AccountID {
        let id = AccountID(names.count)
        names.append(name)
        nameBytes.append(contentsOf: text.utf8)
        nameStarts.append(nameBytes.count)
        idByText[text] = id
        let hash = withNameBytes(id) { Self.fnv1a($0) }
        if idByHash[hash] == nil { idByHash[hash] = id }
        unordered.append(id)
        let code = name.code
        codes.append(code.value)
        let start = nameStarts[id.index] + code.ownerPrefix.count
        owners.append((Int32(start), Int32(nameStarts[id.index + 1] - code.ownerSuffix.count - start)))
        return id
    }

    /// The account's `swansim-entry/3` code (`AccountName.Code`).
    @inline(__always) public func code(_ id: AccountID) -> UInt8 { codes[id.index] }

    /// Calls `body` with the bytes of the id that owns the account (empty for a system account).
    @inline(__always)
    public func withOwnerBytes<R>(_ id: AccountID, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let owner = owners[id.index]
        return try nameBytes.withUnsafeBytes {
            try body(UnsafeRawBufferPointer(rebasing: $0[Int(owner.start)..<Int(owner.start + owner.count)]))
        }
    }

    /// The id of the account with this code and owner, adding it if new; nil for an unknown
    /// code or an owner that makes no account name.
    public mutating func intern(code: UInt8, owner: UnsafeRawBufferPointer) -> AccountID? {
        guard let form = AccountName.Code(rawValue: code) else { return nil }
        if form.value < AccountName.Code.firstOwned { return AccountID(Int(form.value)) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: form.ownerPrefix.utf8)
        scratch.append(contentsOf: owner)
        scratch.append(contentsOf: form.ownerSuffix.utf8)
        if let id = scratch.withUnsafeBytes({ id(bytes: $0) }) { return id }
        guard owner.count > 0, ByteReader.text(owner) != nil else { return nil }
        return intern(text: String(decoding: scratch, as: UTF8.self))
    }

    /// The id of the account whose name has exactly these bytes, if known.
    public func id(bytes: UnsafeRawBufferPointer) -> AccountID? {
        guard let id = idByHash[Self.fnv1a(bytes)] else { return nil }
        return withNameBytes(id) { sameBytes($0, bytes) } ? id : nil
    }

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// The account's name.
    @inlinable public func name(_ id: AccountID) -> AccountName { names[id.index] }

    /// Calls `body` with the account name's UTF-8 bytes.
    @inline(__always)
    public func withNameBytes<R>(_ id: AccountID, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = nameStarts[id.index], end = nameStarts[id.index + 1]
        return try nameBytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Every id in name-byte order. Precondition: `orderNewAccounts()` ran after the last account
    /// was added (the state's seal does).
    public var byteOrder: [AccountID] {
        assert(unordered.isEmpty, "accounts added since the last orderNewAccounts()")
        return ordered
    }

    /// Sorts the accounts added since the last call among themselves and merges them into the
    /// byte order: a day that adds no account costs nothing, and no day sorts every account.
    public mutating func orderNewAccounts() {
        guard !unordered.isEmpty else { return }
        // The name columns alone go into the comparisons, never a copy of the whole table.
        let bytes = nameBytes, starts = nameStarts
        func precedes(_ a: AccountID, _ b: AccountID) -> Bool {
            bytes.withUnsafeBytes { raw in
                byteOrderPrecedes(UnsafeRawBufferPointer(rebasing: raw[starts[a.index]..<starts[a.index + 1]]),
                                  UnsafeRawBufferPointer(rebasing: raw[starts[b.index]..<starts[b.index + 1]]))
            }
        }
        let fresh = unordered.sorted(by: precedes)
        unordered.removeAll(keepingCapacity: true)
        var merged: [AccountID] = []
        merged.reserveCapacity(ordered.count + fresh.count)
        var i = 0, j = 0
        while i < ordered.count && j < fresh.count {
            if precedes(fresh[j], ordered[i]) {
                merged.append(fresh[j])
                j += 1
            } else {
                merged.append(ordered[i])
                i += 1
            }
        }
        merged.append(contentsOf: ordered[i...])
        merged.append(contentsOf: fresh[j...])
        ordered = merged
    }

    /// Checks the table's derived columns against its names (debug builds, after each block):
    /// the byte order is a sorted permutation of every id, and each id's lookups, code and owner
    /// agree with its name.
    public func checkInvariants() {
        let all = ordered + unordered
        precondition(all.count == names.count && Set(all).count == names.count, "byte order is not a permutation of the ids")
        for (a, b) in zip(ordered, ordered.dropFirst()) { precondition(precedes(a, b), "byte order is not sorted") }
        precondition(codes.count == names.count && owners.count == names.count && nameStarts.count == names.count + 1)
        for (index, name) in names.enumerated() {
            let id = AccountID(index)
            precondition(idByText[name.text] == id, "idByText disagrees at \(name.text)")
            precondition(withNameBytes(id) { String(decoding: $0, as: UTF8.self) } == name.text, "name bytes disagree")
            precondition(codes[index] == name.code.value, "account code disagrees at \(name.text)")
            precondition(withOwnerBytes(id) { String(decoding: $0, as: UTF8.self) } == (name.provider ?? owner(name)),
                         "owner bytes disagree at \(name.text)")
        }
    }

    private func owner(_ name: AccountName) -> String {
        switch name {
        case .user(let id), .task(let id): id
        default: ""
        }
    }

    /// Whether `a`'s name sorts before `b`'s by UTF-8 bytes.
    public func precedes(_ a: AccountID, _ b: AccountID) -> Bool {
        withNameBytes(a) { x in withNameBytes(b) { y in byteOrderPrecedes(x, y) } }
    }
}

/// Whether two byte strings are equal (one `memcmp`).
@inline(__always)
public func sameBytes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
    guard x.count == y.count else { return false }
    guard x.count > 0, let a = x.baseAddress, let b = y.baseAddress else { return true }
    return memcmp(a, b, x.count) == 0
}

/// Byte-wise order of two byte strings (a proper prefix sorts first).
@inline(__always)
func byteOrderPrecedes(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Bool {
    let common = min(x.count, y.count)
    if common > 0, let a = x.baseAddress, let b = y.baseAddress {
        let order = memcmp(a, b, common)
        if order != 0 { return order < 0 }
    }
    return x.count < y.count
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
