@testable import SwanStore
import GRDB
import SwanChecker
import SwanTables
import Testing

@Suite("How report cells are stored (CellSink.put, the one mapping)")
struct CellStorageTests {
    @Test("µUSD fits an INTEGER up to Int64; beyond, it is stored as the nearest REAL, as SQLite would make it anyway")
    func microUSDBeyondInt64() {
        #expect(Cell.microUSD(5).sweepValue == 5.databaseValue)
        #expect(Cell.microUSD(Int128(Int64.max)).sweepValue == Int64.max.databaseValue)
        let huge = Int128(Int64.max) * 1000
        #expect(Cell.microUSD(huge).sweepValue == Double(huge).databaseValue)
        var image = RowImage(), stored = RowImage()
        image.put(.microUSD(huge))
        stored.real(Double(huge))
        #expect(image.firstDifference(from: stored) == nil, "a recomputed cell renders as the stored REAL reads back")
    }

    @Test("row images tell apart a NULL from an empty text, a text from an integer, and cells that run into each other")
    func imagesAreUnambiguous() {
        func image(_ cells: [Cell]) -> RowImage {
            var image = RowImage()
            for cell in cells { image.put(cell) }
            return image
        }
        #expect(image([.null, .text("a")]).firstDifference(from: image([.text("a"), .null])) == 0)
        #expect(image([.text("")]).firstDifference(from: image([.null])) == 0)
        #expect(image([.text("5")]).firstDifference(from: image([.integer(5)])) == 0)
        #expect(image([.text("ab"), .text("c")]).firstDifference(from: image([.text("a"), .text("bc")])) == 0)
        #expect(image([.atto(7), .integer(1)]).firstDifference(from: image([.atto(7), .integer(1)])) == nil)
    }
}
