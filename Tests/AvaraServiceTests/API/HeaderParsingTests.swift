import Testing

@testable import AvaraCore
@testable import AvaraMail
@testable import AvaraService
@testable import AvaraStorage

@Suite("Header parsing")
struct HeaderParsingTests {
    @Test(
        "JSON media types are recognised whatever their case and parameters",
        arguments: [
            ("application/json", true), ("Application/JSON", true), ("application/json; charset=utf-8", true),
            ("  application/json ;charset=UTF-8", true), ("application/problem+json", true),
            ("application/vnd.avara.v1+JSON", true), ("application/jsonx", false), ("text/json", false),
            ("application/+json", false), ("application/xml", false), ("text/plain", false), ("", false),
            ("application/json5", false), ("multipart/form-data; boundary=json", false),
        ]
    )
    func jsonMediaTypes(contentType: String, isJSON: Bool) {
        #expect(JSONBodyMiddleware.isJSON(contentType) == isJSON)
    }

    @Test("a missing content type is not JSON")
    func missingContentType() {
        #expect(!JSONBodyMiddleware.isJSON(nil))
    }
}
