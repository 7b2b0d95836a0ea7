import ArgumentParser
import Foundation
import SwanRunner

/// `swansim prove LEDGER.sqlite --seq N [--out FILE]`
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Write the inclusion proof (swan-proof/1) of one ledger entry.",
        discussion: """
            The proof lets anyone who knows only the ledger's head block hash check that entry \
            N is in it, without the database (WORKFLOW.md §5): the entry's payload and previous \
            hash, its RFC 6962 audit path within its block, the block header and every later \
            header to the head. Canonical JSON (keys sorted, no whitespace) on standard \
            output, or in FILE.

            Example:
              swansim prove runs/baseline/ledger.sqlite --seq 500 --out proof.json
              swansim verify-proof proof.json --head eb6329f46b031885d8903e02a45ed9ca7dcb1cd62e626cb2d33e70c439ca9c79
              python3 tools/verify_proof.py proof.json      # the same check, standard library only

            FILE is written atomically. It replaces an earlier proof; any other existing file \
            only with --force; and never the ledger itself (or a link to it), not even with \
            --force (WORKFLOW.md §9.1).

            Exit codes: 0 written, 2 no such entry, LEDGER is not a regular file, or FILE may \
            not be written, 4 the ledger cannot be read.
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    @Option(help: "The entry's seq.")
    var seq: Int64

    @Option(name: .customLong("out"), help: "Write the proof to FILE instead of standard output.")
    var output: String?

    @Flag(help: "Replace an existing FILE that is not a proof (never the ledger).")
    var force = false

    func run() throws {
        do {
            if let output {
                try ProofFile.write(ledger: ledger, seq: seq, to: output, force: force)
            } else {
                printLine(try ProofFile.prove(ledger: ledger, seq: seq))
            }
        } catch .malformed(let message) {
            printError("swansim prove: \(message)")
            throw ExitCode(2)
        } catch .refused(let refusal) {
            printError("swansim prove: \(refusal)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("swansim prove: \(message)")
            throw ExitCode(4)
        } catch .invalid(let failure) {
            printError("swansim prove: \(failure)")
            throw ExitCode(4)
        }
    }
}

/// `swansim verify-proof PROOF.json [--head HASH]`
struct VerifyProofCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check a swan-proof/1 inclusion proof without the ledger.",
        discussion: """
            Recomputes the entry hash from payload_hex and prev_hash, the Merkle root through the \
            audit path (RFC 9162 §2.1.3.2: leaf_index < tree_size, the exact path length, the \
            final state of the index walk), checks it against the block header (which also fixes \
            day, tree_size and the entry's position), hashes the header, and follows every later \
            header's prev_block_hash to head_block_hash. With --head, the head must equal HASH. \
            No element of the proof is accepted without being recomputed.

            Example:
              swansim prove runs/baseline/ledger.sqlite --seq 500 --out proof.json
              swansim verify-proof proof.json --head eb6329f46b031885d8903e02a45ed9ca7dcb1cd62e626cb2d33e70c439ca9c79
              valid: seq 500 (block 8) is in the ledger with head block eb6329f4…

            Without --head the proof is only consistent with the head it names: anyone can \
            append headers of their own up to a head of their choosing, and each later header \
            is checked to continue the chain (the next day, first_seq right after the last \
            seq before, at least one entry) but not to be genuine. Pin the head with --head, \
            taken from a source you trust (WORKFLOW.md §9.2).

            Exit codes: 0 valid, 3 invalid (the first check that failed is named), 2 malformed \
            (not a swan-proof/1 document: duplicate keys, a byte-order mark, nesting deeper \
            than 64, an integer outside 0 … 2^63 − 1 are all malformed), or not a readable \
            regular file of at most 64 MiB.
            """
    )

    @Argument(help: "A proof written by swansim prove.")
    var proof: String

    @Option(help: "The head block hash the proof must end at (64 hex digits), from a source you trust.")
    var head: String?

    func validate() throws { _ = try parseHead(head) }

    func run() throws {
        let pinned = try parseHead(head)
        do {
            let (proof, head) = try ProofFile.verify(file: proof, head: pinned)
            printLine("valid: seq \(proof.seq) (block \(proof.day)) is in the ledger with head block \(head.hex)")
            if self.head == nil {
                printLine("note: the head is not pinned: the proof is consistent with head block \(head.hex), but anyone can "
                          + "make a chain to a head of their choosing; give --head HASH from a source you trust")
            }
        } catch .invalid(let failure) {
            printError("\(proof): invalid: \(failure)")
            throw ExitCode(3)
        } catch .malformed(let message) {
            printError("\(proof): malformed: \(message)")
            throw ExitCode(2)
        } catch .refused(let refusal) {
            printError("\(refusal)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(proof): \(message)")
            throw ExitCode(4)
        }
    }
}
