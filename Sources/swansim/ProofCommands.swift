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

            Exit codes: 0 written, 2 no such entry, 4 the ledger cannot be read.
            """
    )

    @Argument(help: "Path of a ledger.sqlite written by swansim.")
    var ledger: String

    @Option(help: "The entry's seq.")
    var seq: Int64

    @Option(name: .customLong("out"), help: "Write the proof to FILE instead of standard output.")
    var output: String?

    func run() throws {
        let json: String
        do {
            json = try ProofFile.prove(ledger: ledger, seq: seq)
        } catch .malformed(let message) {
            printError("swansim prove: \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("swansim prove: \(message)")
            throw ExitCode(4)
        } catch .invalid(let failure) {
            printError("swansim prove: \(failure)")
            throw ExitCode(4)
        }
        guard let output else { return print(json) }
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printError("swansim prove: cannot write \(output): \(error.localizedDescription)")
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

            Exit codes: 0 valid, 3 invalid (the first check that failed is named), 2 malformed \
            (not a swan-proof/1 document), 4 the file cannot be read.
            """
    )

    @Argument(help: "A proof written by swansim prove.")
    var proof: String

    @Option(help: "The head block hash the proof must end at (64 hex digits).")
    var head: String?

    func run() throws {
        do {
            let (proof, head) = try ProofFile.verify(file: proof, head: head)
            print("valid: seq \(proof.seq) (block \(proof.day)) is in the ledger with head block \(head.hex)")
        } catch .invalid(let failure) {
            printError("\(proof): invalid: \(failure)")
            throw ExitCode(3)
        } catch .malformed(let message) {
            printError("\(proof): malformed: \(message)")
            throw ExitCode(2)
        } catch .unreadable(let message) {
            printError("\(proof): \(message)")
            throw ExitCode(4)
        }
    }
}
