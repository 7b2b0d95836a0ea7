import Foundation

/// The progress line `swansim run` draws on a terminal's standard error.
///
/// Wall-clock time is used only here, for the display; it never reaches an output file.
final class ProgressLine {
    private let start = Date()
    private var lastDraw = Date.distantPast

    /// Redraws at most five times a second: `day`, entries, entries/s and an ETA.
    func update(day: Int64, days: Int64, entries: Int64) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 else { return }
        lastDraw = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(entries) / elapsed
        var line = "\rday \(day)/\(days)  \(entries) entries  \(Int(rate)) entries/s"
        if day > 0 {
            let remaining = elapsed / Double(day) * Double(max(0, days - day))
            line += "  ETA \(Int(remaining))s"
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    /// Clears the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
