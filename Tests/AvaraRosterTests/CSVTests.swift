import AvaraRoster
import Foundation
import Testing

@Suite("CSV reading and writing (RFC 4180)")
struct CSVTests {
    private func cells(_ text: String) throws -> [[String]] {
        try CSVParser.records(in: Data(text.utf8)).map(\.cells)
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks")
    func quotedFields() throws {
        let text = "a,b,c\r\n\"Smith, Jr\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
        #expect(try cells(text) == [["a", "b", "c"], ["Smith, Jr", "say \"hi\"", "two\r\nlines"]])
    }

    @Test("LF, CRLF and lone CR all end records; the last record needs no line end", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) throws {
        #expect(try cells("a,b\(end)1,2\(end)3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test("empty fields, a trailing comma, blank lines and a byte order mark")
    func emptiesAndBlankLines() throws {
        let text = "\u{FEFF}email,first\n\n,x\ny,\n\r\n\"\",\n"
        #expect(try cells(text) == [["email", "first"], ["", "x"], ["y", ""], ["", ""]])
    }

    @Test("records know their number and the line they start on, after a quoted line break too")
    func recordLines() throws {
        let records = try CSVParser.records(in: Data("h\n\"a\nb\"\n\nc\n".utf8))
        #expect(records.map(\.number) == [1, 2, 3])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test("non-ASCII text stays intact")
    func unicode() throws {
        #expect(try cells("name\nJosé Nuñez\n\"Zoë, MD\"\n") == [["name"], ["José Nuñez"], ["Zoë, MD"]])
    }

    @Test("an unclosed quote is an error naming the line it opened on")
    func unclosedQuote() throws {
        #expect(throws: CSVError(line: 2, message: "a quoted field is not closed")) {
            try CSVParser.records(in: Data("a\n\"open\nstill open\n".utf8))
        }
    }

    @Test("text after a closing quote is an error")
    func textAfterQuote() throws {
        #expect(throws: CSVError(line: 1, message: "unexpected text after a closing quote")) {
            try CSVParser.records(in: Data("\"a\"b,c\n".utf8))
        }
    }

    @Test("text that is not UTF-8 is refused")
    func notUTF8() throws {
        #expect(throws: CSVError.self) { try CSVParser.records(in: Data([0x61, 0xFF, 0x0A])) }
    }

    @Test("the writer quotes only what needs it, and the reader reads back what it wrote")
    func writerRoundTrip() throws {
        let rows = [["row", "errors"], ["2", "a, b"], ["3", "say \"x\""], ["4", "line\nbreak"], ["5", ""]]
        var writer = CSVWriter()
        for row in rows { writer.append(row) }
        #expect(writer.text.hasPrefix("row,errors\r\n2,\"a, b\"\r\n3,\"say \"\"x\"\"\"\r\n"))
        #expect(try cells(writer.text) == rows)
    }

    @Test("the import report writes cells a spreadsheet would run as formulas with a leading quote")
    func reportNeutralizesFormulas() throws {
        let results = [
            ImportResult(row: 2, email: "=HYPERLINK(\"http://evil.example\",\"x\")@a.org", outcome: .rejected),
            ImportResult(row: 3, email: "+1-555@a.org", outcome: .rejected),
            ImportResult(row: 4, email: "-2+3@a.org", outcome: .rejected),
            ImportResult(row: 5, email: "@SUM(A1)", outcome: .rejected),
            ImportResult(row: 6, email: "\tcmd", outcome: .rejected),
            ImportResult(row: 7, email: "\rcmd", outcome: .rejected),
            ImportResult(row: 8, email: "dr.o=k@a.org", outcome: .rejected),
        ]
        let emails = try cells(ImportReport.csv(results)).dropFirst().map { $0[1] }
        #expect(
            emails == [
                "'=HYPERLINK(\"http://evil.example\",\"x\")@a.org", "'+1-555@a.org", "'-2+3@a.org", "'@SUM(A1)",
                "'\tcmd",
                "'\rcmd", "dr.o=k@a.org",
            ])
        // A writer for other uses keeps every cell as it is.
        var plain = CSVWriter()
        plain.append(["=1+1"])
        #expect(plain.text == "=1+1\r\n")
    }
}
