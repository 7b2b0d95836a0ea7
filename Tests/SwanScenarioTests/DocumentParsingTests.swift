import SwanCore
import SwanScenario
import Testing

@Suite("Scenario documents: JSON details and robustness")
struct DocumentParsingTests {
    @Test("escapes, surrogate pairs and non-ASCII text are read exactly")
    func escapes() throws {
        let text = scenario(#""description": "caf\u00e9 \ud83d\ude80 \"q\" \\ \/ tab\t""#)
        let loaded = try load(text)
        #expect(loaded.description == "café 🚀 \"q\" \\ / tab\t")
    }

    @Test("malformed documents are E_JSON with a position", arguments: [
        "\u{FEFF}{}", #"{"description": "\ud83d"}"#, #"{"a": tru}"#, #"{"a": 01}"#, #"{"a": "x"#, "{\"a\": \"\u{01}\"}",
        "[1, 2", "{} {}", "",
    ])
    func malformed(_ text: String) {
        let lines = errors(text)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains(": E_JSON: ") == true, "\(lines)")
    }

    @Test("a root that is not an object is E_TYPE at $")
    func rootType() {
        #expect(errors("[1]") == ["tiny.json:$: E_TYPE: expected object, found array"])
    }

    /// Seeded mutations of the tiny fixture never crash the loader: each either loads or
    /// reports errors. The seed is in every failure message.
    @Test("random byte mutations of a valid scenario never crash the loader")
    func mutationsNeverCrash() throws {
        let original = try fixture("tiny-two-providers.json")
        var state: UInt64 = 0xF022_2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return CounterRandom.mix64(state)
        }
        let alphabet = Array("{}[]\":,0123456789.-eE \\ntuflasx".utf8)
        for iteration in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + Int(next() % 4)) {
                let index = Int(next() % UInt64(bytes.count))
                switch next() % 3 {
                case 0: bytes[index] = alphabet[Int(next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: index)
                }
            }
            do throws(ScenarioErrors) {
                _ = try ScenarioLoader.load(bytes, syntax: .json)
            } catch {
                #expect(!error.errors.isEmpty && error.errors.count <= 100, "seed 0xF0222026 iteration \(iteration)")
            }
        }
    }
}
