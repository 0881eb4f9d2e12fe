import AvaraTestSupport
import Foundation
import Testing

@testable import AvaraCore

@Suite("JSONValue")
struct JSONValueTests {
    @Test("true and false decode as booleans", arguments: [("true", true), ("false", false)])
    func booleansStayBooleans(json: String, expected: Bool) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(value == .bool(expected))
    }

    @Test(
        "1 and 0 decode as numbers, not booleans",
        arguments: [("1", 1.0), ("0", 0.0), ("1.5", 1.5), ("-2e3", -2000.0)]
    )
    func numbersStayNumbers(json: String, expected: Double) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(value == .number(expected))
    }

    @Test("strings, null, arrays and objects keep their shape")
    func otherTypesKeepTheirShape() throws {
        let json = #"{"s":"true","n":null,"a":[1,true,"x"],"o":{"k":false}}"#
        let object = try JSONValue.parseObject(Data(json.utf8))
        #expect(object["s"] == .string("true"))
        #expect(object["n"] == .null)
        #expect(object["a"] == .array([.number(1), .bool(true), .string("x")]))
        #expect(object["o"] == .object(["k": .bool(false)]))
    }

    @Test("each JSON type is named with its article for messages")
    func typeDescriptions() {
        #expect(JSONValue.null.typeDescription == "null")
        #expect(JSONValue.bool(true).typeDescription == "a boolean")
        #expect(JSONValue.number(1).typeDescription == "a number")
        #expect(JSONValue.string("x").typeDescription == "a string")
        #expect(JSONValue.array([]).typeDescription == "an array")
        #expect(JSONValue.object([:]).typeDescription == "an object")
    }

    @Test("parseObject accepts Data and plain byte arrays")
    func parseObjectAcceptsBytes() throws {
        let json = #" {"firstName": "Sarah", "canManageStudies": true} "#
        let fromData = try JSONValue.parseObject(Data(json.utf8))
        let fromBytes = try JSONValue.parseObject(Array(json.utf8))
        #expect(fromData == ["firstName": .string("Sarah"), "canManageStudies": .bool(true)])
        #expect(fromBytes == fromData)
    }

    @Test(
        "parseObject rejects bytes that are not JSON",
        arguments: ["", "   ", "{", "{\"a\":}", "nope", "{'a': 1}", "{} {}", #"{"a":"\ud800"}"#]
    )
    func parseObjectRejectsInvalidJSON(body: String) {
        #expect(throws: JSONBodyError.notJSON) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }

    @Test("parseObject rejects JSON that is not an object", arguments: ["[]", "[{}]", "1", "\"{}\"", "null", "true"])
    func parseObjectRejectsNonObjects(body: String) {
        #expect(throws: JSONBodyError.notAnObject) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }

    @Test("parseObject rejects nesting deeper than the decoder allows instead of overflowing the stack")
    func parseObjectRejectsDeepNesting() {
        let depth = 10_000
        let body = "{\"a\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(throws: JSONBodyError.notJSON) {
            try JSONValue.parseObject(Data(body.utf8))
        }
    }

    @Test(
        "strings are written escaped where JSON needs it and as themselves otherwise",
        arguments: [
            ("plain ascii", #""plain ascii""#), ("Zoë 🩻 Ørsted", #""Zoë 🩻 Ørsted""#),
            ("a \"q\" \\ b", #""a \"q\" \\ b""#), ("line\nfeed\ttab\r", #""line\nfeed\ttab\r""#),
            ("\u{1}\u{1f}", #""\u0001\u001f""#), ("sep\u{2028}para\u{2029}", #""sep\u2028para\u2029""#),
            ("€ and – (0xE2 lead bytes)", #""€ and – (0xE2 lead bytes)""#),
        ]
    )
    func stringEscapes(string: String, expected: String) throws {
        let value = JSONValue.string(string)
        #expect(value.jsonText == expected)
        #expect(value.jsonBytes == Array(expected.utf8))
        let read = try JSONSerialization.jsonObject(with: Data(value.jsonBytes), options: .fragmentsAllowed)
        #expect(read as? String == string)
    }
}
