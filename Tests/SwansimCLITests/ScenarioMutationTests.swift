import Foundation
import SwanTestSupport
import Testing

/// One mutated scenario file and what became of it.
private struct Mutant: Sendable {
    var file: String
    var origin: String
    var validate = CommandResult(status: -1, stdout: "", stderr: "")
    var run: CommandResult?
    var hung = false
    var outputDirectoryWritten = false
}

/// Byte-level edits of a file's bytes.
private func byteMutation(_ bytes: [UInt8], _ random: inout SplitMix) -> ([UInt8], String) {
    var out = bytes
    let at = Int(random.below(UInt64(max(1, out.count))))
    switch random.below(6) {
    case 0:
        let bit = Int(random.below(8))
        if !out.isEmpty { out[at] ^= 1 << bit }
        return (out, "bit \(bit) of byte \(at) flipped")
    case 1:
        let length = min(out.count - at, 1 + Int(random.below(32)))
        out.removeSubrange(at..<at + length)
        return (out, "\(length) bytes deleted at \(at)")
    case 2:
        let inserted = (0..<(1 + random.below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        out.insert(contentsOf: inserted, at: at)
        return (out, "\(inserted.count) random bytes inserted at \(at)")
    case 3:
        let length = min(out.count - at, 1 + Int(random.below(64)))
        let to = Int(random.below(UInt64(out.count)))
        out.insert(contentsOf: Array(out[at..<at + length]), at: to)
        return (out, "\(length) bytes from \(at) copied to \(to)")
    case 4:
        out.removeSubrange(at...)
        return (out, "truncated at \(at)")
    default:
        let significant = Array("{}[]\",:-.0123456789e\\ \n\t#&*!|>'".utf8)
        if !out.isEmpty { out[at] = significant[Int(random.below(UInt64(significant.count)))] }
        return (out, "byte \(at) replaced by a significant character")
    }
}

/// A structural edit of a parsed JSON document: a key removed or added, a value of another
/// type, an element removed or repeated, a subtree replaced.
private func structuralMutation(_ document: Any, _ random: inout SplitMix) -> (Any, String) {
    var description = ""
    func replacement(_ random: inout SplitMix) -> Any {
        let choices: [Any] = [NSNull(), true, "", "x", -1, 0, 1 << 40, "-7", "1e400", "0.0000000000000000001",
                              "99999999999999999999999999999999999999", [Any](), [String: Any](), ["a": 1], [1, "2", NSNull()]]
        return choices[Int(random.below(UInt64(choices.count)))]
    }
    func edit(_ value: Any, depth: Int, _ random: inout SplitMix) -> Any {
        if var object = value as? [String: Any], !object.isEmpty {
            let keys = object.keys.sorted()
            let key = keys[Int(random.below(UInt64(keys.count)))]
            if depth > 0, random.below(3) == 0 {
                switch random.below(3) {
                case 0: object.removeValue(forKey: key); description = "key \(key) removed"
                case 1: object["unknown_\(random.below(100))"] = replacement(&random); description = "unknown key added beside \(key)"
                default: object[key] = replacement(&random); description = "\(key) replaced"
                }
                return object
            }
            object[key] = edit(object[key]!, depth: depth + 1, &random)
            return object
        }
        if var array = value as? [Any], !array.isEmpty {
            let index = Int(random.below(UInt64(array.count)))
            if random.below(3) == 0 {
                switch random.below(3) {
                case 0: array.remove(at: index); description = "element \(index) removed"
                case 1: array.append(array[index]); description = "element \(index) repeated"
                default: array[index] = replacement(&random); description = "element \(index) replaced"
                }
                return array
            }
            array[index] = edit(array[index], depth: depth + 1, &random)
            return array
        }
        description = "leaf replaced"
        return replacement(&random)
    }
    let result = edit(document, depth: 0, &random)
    return (result, description)
}

@Suite("Scenario files mutated byte by byte and structurally, through the CLI (issue 9)")
struct ScenarioMutationTests {
    @Test("every mutant is refused with exit 2 and located error lines, writing nothing, or runs; none crashes or hangs")
    func mutants() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["SWANSIM_TEST_SEED"] ?? "") ?? 20_261_204
        print("scenario mutations: seed \(seed) (set SWANSIM_TEST_SEED to replay)")
        var random = SplitMix(state: seed)
        let binary = try releaseBinary()
        let scratch = try temporaryDirectory("scenario-mutations")
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.path + "/Fixtures/scenarios").sorted()
        let yamlSeeds = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.path + "/Fixtures/fuzz/scenario-loader")
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var mutants: [Mutant] = []
        func add(_ bytes: [UInt8], suffix: String, origin: String) throws {
            let file = scratch + "/m\(mutants.count).\(suffix)"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            mutants.append(Mutant(file: file, origin: origin))
        }
        for fixture in fixtures {
            let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/scenarios/" + fixture)))
            let document = try JSONSerialization.jsonObject(with: Data(bytes))
            for _ in 0..<24 {
                let (mutated, how) = byteMutation(bytes, &random)
                try add(mutated, suffix: "json", origin: "\(fixture): \(how)")
            }
            for _ in 0..<16 {
                let (mutated, how) = structuralMutation(document, &random)
                let data = try JSONSerialization.data(withJSONObject: mutated, options: [.sortedKeys, .fragmentsAllowed])
                try add([UInt8](data), suffix: "json", origin: "\(fixture): \(how)")
            }
        }
        for seedFile in yamlSeeds {
            let bytes = [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/fuzz/scenario-loader/" + seedFile)))
            for _ in 0..<10 {
                let (mutated, how) = byteMutation(bytes, &random)
                try add(mutated, suffix: "yaml", origin: "\(seedFile): \(how)")
            }
        }
        let checked = concurrentMap(mutants) { mutant -> Mutant in
            var mutant = mutant
            guard let (validate, hung) = try? runProcess(binary, ["validate", mutant.file], timeout: 30) else { return mutant }
            mutant.validate = validate
            mutant.hung = hung
            let out = mutant.file + ".out"
            // A valid mutant of the network year would run for seconds: validating it is the test.
            if !hung, validate.status == 2 || !mutant.origin.hasPrefix("network-") {
                let arguments = ["run", mutant.file, "--out", out, "--quiet"] + (validate.status == 2 ? [] : ["--ledger", "none"])
                if let (run, runHung) = try? runProcess(binary, arguments, timeout: 120) {
                    mutant.run = run
                    mutant.hung = runHung
                }
                mutant.outputDirectoryWritten = FileManager.default.fileExists(atPath: out)
                if validate.status == 0 { try? FileManager.default.removeItem(atPath: out) }
            }
            return mutant
        }
        var invalid = 0, valid = 0
        for mutant in checked {
            let name = (mutant.file as NSString).lastPathComponent
            #expect(!mutant.hung, "\(name) (\(mutant.origin)) hung")
            #expect([0, 2].contains(mutant.validate.status), "\(name) (\(mutant.origin)): validate exit \(mutant.validate.status): \(mutant.validate.stderr.prefix(400))")
            if mutant.validate.status == 2 {
                invalid += 1
                let lines = mutant.validate.stderr.split(separator: "\n")
                #expect(!lines.isEmpty, "\(name): exit 2 without a message")
                for line in lines {
                    let located = line.hasPrefix(mutant.file + ":$") && line.contains(": E_")
                    #expect(located, "\(name) (\(mutant.origin)): not a located `<file>:<path>: <CODE>:` line: \(line)")
                }
                #expect(mutant.run?.status == 2 && mutant.run?.stderr == mutant.validate.stderr,
                        "\(name): run exits \(mutant.run?.status ?? -1) with other errors than validate")
                #expect(!mutant.outputDirectoryWritten, "\(name): an invalid scenario wrote \(mutant.file).out")
            } else if mutant.validate.status == 0 {
                valid += 1
                if let run = mutant.run {
                    #expect([0, 1].contains(run.status), "\(name) (\(mutant.origin)): a valid scenario's run exits \(run.status): \(run.stderr.prefix(400))")
                }
            }
        }
        print("scenario mutations: \(mutants.count) mutants of \(fixtures.count) fixtures and \(yamlSeeds.count) YAML seeds: \(invalid) refused with exit 2, \(valid) valid and run")
        #expect(mutants.count >= 750 && invalid > mutants.count / 2)
        if invalid + valid == mutants.count { try? FileManager.default.removeItem(atPath: scratch) }
    }
}
