import Foundation
import SwanCore
import SwanCrypto
import SwanScenario
import SwanStore

/// `swansim prove` and `swansim verify-proof` (WORKFLOW.md §5): `swan-proof/1` files.
public enum ProofFile {
    /// Why a proof could not be made, read or accepted, with its exit status.
    public enum Failure: Error, Sendable {
        /// Not a well-formed `swan-proof/1` document, or no such entry (exit 2).
        case malformed(String)
        /// An input that is not a regular file, or an output that may not be written (exit 2).
        case refused(FileRefusal)
        /// Well-formed but false: the first check that failed (exit 3).
        case invalid(InclusionProof.Failure)
        /// The ledger or the file cannot be read (exit 4).
        case unreadable(String)
    }

    /// The proof of entry `seq` of the ledger at `path`, as canonical JSON.
    public static func prove(ledger path: String, seq: Int64) throws(Failure) -> String {
        do throws(FileRefusal) { try RegularFile.requireDatabase(path) } catch { throw .refused(error) }
        do {
            let hasher = try OpenSSLSHA256()
            guard let proof = try LedgerDatabase.open(at: path).inclusionProof(seq: seq, hasher: hasher) else {
                throw Failure.malformed("\(path) has no entry with seq \(seq)")
            }
            return proof.canonicalJSON
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// Writes the proof of entry `seq` to `output` atomically (WORKFLOW.md §9.1): never over the
    /// ledger or its side files, over another file only with `force`, over an earlier proof freely.
    public static func write(ledger path: String, seq: Int64, to output: String, force: Bool) throws(Failure) {
        let target = OutputFile(kind: "proof", inputs: ["", "-wal", "-shm", "-journal"].map { path + $0 }) { bytes in
            bytes.starts(with: Array("{\"audit_path\":[".utf8)) && OutputFile.contains(bytes, "\"format\":\"swan-proof/1\"")
        }
        do throws(FileRefusal) { try target.check(output, force: force) } catch { throw .refused(error) }
        let json = try prove(ledger: path, seq: seq)
        do throws(AtomicFile.Failure) { try AtomicFile.write(Data(json.utf8), to: output) } catch { throw .unreadable(error.message) }
    }

    /// Reads and verifies a proof file; returns the proof and the head it is proven under.
    public static func verify(file: String, head: Digest32?) throws(Failure) -> (InclusionProof, Digest32) {
        let bytes: [UInt8]
        // A proof of the longest ledger (36,500 later headers of 187 bytes, in hex) is under 14 MiB.
        do throws(FileRefusal) { bytes = try RegularFile.read(file, atMost: 64 << 20, what: "swan-proof/1 file") } catch {
            throw .refused(error)
        }
        let proof = try parse(bytes)
        do {
            return (proof, try proof.verify(hasher: try OpenSSLSHA256(), head: head))
        } catch let failure as InclusionProof.Failure {
            throw .invalid(failure)
        } catch {
            throw .unreadable("\(error)")
        }
    }

    static let keys = ["audit_path", "block_header_hex", "day", "format", "head_block_hash", "later_headers_hex", "leaf_index",
                       "payload_hex", "prev_hash", "seq", "tree_size"]

    /// A strict reading: exactly the eleven keys, each of its type; hashes are 64 lowercase hex digits.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> InclusionProof {
        let root: DocumentNode
        do { root = try JSONDocumentParser.parse(bytes, maximumDepth: 64) } catch { throw .malformed("not JSON: \(error.message)") }
        guard case .object(let members) = root.value else { throw .malformed("a proof is a JSON object") }
        var fields: [String: DocumentNode] = [:]
        for member in members {
            guard fields[member.key] == nil else { throw .malformed("\(member.key) is given twice") }
            guard keys.contains(member.key) else { throw .malformed("unknown field \(member.key)") }
            fields[member.key] = member.value
        }
        if let missing = keys.first(where: { fields[$0] == nil }) { throw .malformed("missing field \(missing)") }
        guard case .string("swan-proof/1") = fields["format"]?.value else { throw .malformed("format must be \"swan-proof/1\"") }
        func integer(_ key: String) throws(Failure) -> Int64 {
            guard case .number(let text) = fields[key]?.value, let value = Int64(text), value >= 0, String(value) == text else {
                throw .malformed("\(key) must be a non-negative integer")
            }
            return value
        }
        func hexBytes(_ node: DocumentNode?, _ key: String) throws(Failure) -> [UInt8] {
            guard case .string(let text) = node?.value, let bytes = HexText.decode(text) else {
                throw .malformed("\(key) must be lowercase hex")
            }
            return bytes
        }
        func hash(_ node: DocumentNode?, _ key: String) throws(Failure) -> Digest32 {
            let raw = try hexBytes(node, key)
            guard raw.count == 32 else { throw .malformed("\(key) must be a 32-byte hash (64 hex digits), found \(raw.count) bytes") }
            return Digest32(bytes: raw)
        }
        func list(_ key: String) throws(Failure) -> [DocumentNode] {
            guard case .array(let elements) = fields[key]?.value else { throw .malformed("\(key) must be an array") }
            return elements
        }
        var path: [Digest32] = []
        for (index, node) in try list("audit_path").enumerated() { path.append(try hash(node, "audit_path[\(index)]")) }
        var later: [[UInt8]] = []
        for (index, node) in try list("later_headers_hex").enumerated() { later.append(try hexBytes(node, "later_headers_hex[\(index)]")) }
        return InclusionProof(seq: try integer("seq"), day: try integer("day"), payload: try hexBytes(fields["payload_hex"], "payload_hex"),
                              previousHash: try hash(fields["prev_hash"], "prev_hash"), leafIndex: try integer("leaf_index"),
                              treeSize: try integer("tree_size"), auditPath: path,
                              blockHeader: try hexBytes(fields["block_header_hex"], "block_header_hex"), laterHeaders: later,
                              headBlockHash: try hash(fields["head_block_hash"], "head_block_hash"))
    }
}
