import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

@Suite("JSONParser")
struct JSONParserTests {
    /// What `JSONDecoder` makes of `json`, or `nil` when it refuses it.
    static func decoderResult(_ json: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    @Test(
        "the parser agrees with JSONDecoder",
        arguments: [
            #"{"a":1}"#, #" { "a" : [ 1 , 2.5e3 , -0 , 0.1 , true , false , null ] } "#, #"{"s":"\"\\\/\b\f\n\r\t"}"#,
            #"{"u":"\u00e9\u4e2d\ud83d\ude00"}"#, #"{"é":"ünïcödé 👩‍⚕️"}"#, #"{"n":{"m":{"o":[]}}}"#, "[]", "\"x\"", "12",
            "-1.5E-7", "true", "null", #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":1e}"#,
            #"{"a":"\x"}"#, #"{"a":"\u12"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800\u0041"}"#, "{\"a\":\"tab\there\"}",
            #"{"a" 1}"#, #"{a:1}"#, "tru", "nul", "{}x", "", " ", #"{"a":1e400}"#,
            #"{"a":-1e400}"#, #"{"a":123456789012345678901234567890}"#, "\u{FEFF}{}",
        ]
    )
    func agreesWithJSONDecoder(json: String) {
        let parsed = try? JSONParser.parse(Array(json.utf8))
        #expect(parsed == Self.decoderResult(json))
    }

    @Test("unlike JSONDecoder, trailing commas are refused and a number too small for Double reads as 0")
    func deliberateDifferences() throws {
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array(#"{"a":1,}"#.utf8)) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array("[1,]".utf8)) }
        #expect(try JSONParser.parse(Array(#"{"a":1e-400}"#.utf8)) == .object(["a": .number(0)]))
    }

    @Test("invalid UTF-8 is not JSON")
    func invalidUTF8() {
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
    }

    @Test("a repeated member name is refused, at any depth (I-JSON), naming the member")
    func repeatedKeys() throws {
        #expect(throws: JSONBodyError.duplicateMember("a")) { try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: JSONBodyError.duplicateMember("b")) {
            try JSONParser.parse(Array(#"{"a":[{"b":true,"b":true}]}"#.utf8))
        }
        #expect(try JSONParser.parse(Array(#"{"a":{"a":1}}"#.utf8)) == .object(["a": .object(["a": .number(1)])]))
    }

    @Test("nesting up to the limit parses; one level more does not")
    func depthLimit() throws {
        let limit = JSONParser.maximumDepth
        let fits = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: Never.self) { try JSONParser.parse(Array(fits.utf8)) }
        #expect(throws: JSONBodyError.notJSON) { try JSONParser.parse(Array(tooDeep.utf8)) }
    }
}
