import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraService

@Suite("SCIM errors")
struct SCIMErrorTests {
    @Test(
        "each factory gives its status and scimType",
        arguments: [
            (SCIMError.invalidFilter("d"), 400, "invalidFilter"), (.invalidPath("d"), 400, "invalidPath"),
            (.invalidSyntax("d"), 400, "invalidSyntax"), (.invalidValue("d"), 400, "invalidValue"),
            (.noTarget("d"), 400, "noTarget"), (.mutability("d"), 400, "mutability"), (.tooMany("d"), 400, "tooMany"),
            (.sensitive("d"), 400, "sensitive"), (.invalidVersion("d"), 400, "invalidVers"),
            (.uniqueness("d"), 409, "uniqueness"), (.notFound("d"), 404, nil), (.payloadTooLarge("d"), 413, nil),
        ] as [(SCIMError, Int, String?)]
    )
    func factories(error: SCIMError, status: Int, scimType: String?) {
        #expect(error.status == status)
        #expect(error.scimType == scimType)
        #expect(error.detail == "d")
    }

    @Test("the body has the Error schema, the status as a string, and scimType only when there is one")
    func responseBody() throws {
        let filter = SCIMError.invalidFilter("Unknown operator 'equals' at position 10.")
        #expect(
            try JSONParser.parse(Array(filter.encoded()))
                == .object([
                    "schemas": .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")]),
                    "status": .string("400"),
                    "scimType": .string("invalidFilter"),
                    "detail": .string("Unknown operator 'equals' at position 10."),
                ]))
        let notFound = String(decoding: SCIMError.notFound("No user usr_1.").encoded(), as: UTF8.self)
        #expect(
            notFound
                == #"{"detail":"No user usr_1.","schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}"#
        )
        #expect(SCIMError.contentType == "application/scim+json")
    }
}
