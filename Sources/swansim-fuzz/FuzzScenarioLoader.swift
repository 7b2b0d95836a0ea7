import SwanScenario
import SwansimFuzzMain

/// libFuzzer's entry point: one input through the scenario loader that `swansim run` and
/// `validate` use; the syntax is sniffed as for a ledger's stored scenario (JSON when the input
/// opens with `{`, else YAML), so one target covers both readers.
///
/// Built only by `make fuzz` (SWANSIM_FUZZ=1, `-sanitize=fuzzer,address`); a crash, a trap,
/// an address error or a hang is a finding. An invalid input must come back as errors that
/// each name a path and a code, never as silence.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do throws(ScenarioErrors) {
        _ = try ScenarioLoader.load(bytes, syntax: .init(sniffing: bytes))
    } catch {
        precondition(!error.errors.isEmpty, "the loader refused an input without saying why")
        for problem in error.errors {
            let line = problem.line(file: "input")
            precondition(line.hasPrefix("input:") && line.contains(": E_"), "an error line without a place and a code: \(line)")
        }
    }
    return 0
}
