import Foundation
import Testing

@testable import AvaraCore
@testable import AvaraMail

@Suite("The stored form of a queued email")
struct QueuedEmailPayloadTests {
    static func email(
        name: String? = "Ann \"Q\" Lee\\Jr\n\t\u{1}é 🩻",
        expiresAt: Date? = Date(timeIntervalSince1970: 1_772_962_200.25)
    ) -> QueuedEmail {
        QueuedEmail(
            messageId: "inv_019ca8bbb6baeb56eedf64abc307e103.2ca646d7119aec72@avara",
            date: Date(timeIntervalSince1970: 1_772_357_400.25),
            from: MailAddress(address: "invites@avara.local"),
            to: MailAddress(name: name, address: "ann@example.org"),
            productName: "Viewer", clinicName: "Acme \"Imaging\" </script>", clinicRole: "Radiologist", level: "admin",
            acceptURL: "https://avara.example.org/invitations/019ca8bbb6baXYZ", expiresAt: expiresAt
        )
    }

    @Test("every field comes back as it was, whatever characters the names hold")
    func roundTrip() throws {
        for email in [Self.email(), Self.email(name: nil, expiresAt: nil), Self.email(name: "")] {
            #expect(try QueuedEmail(payload: email.payload()) == email)
        }
    }

    @Test("the stored form is JSON that any parser reads, with millisecond timestamps")
    func isJSON() throws {
        let payload = Self.email().payload()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(object["date"] as? Int == 1_772_357_400_250)
        #expect(object["expiresAt"] as? Int == 1_772_962_200_250)
        #expect((object["to"] as? [String: Any])?["name"] as? String == "Ann \"Q\" Lee\\Jr\n\t\u{1}é 🩻")
        #expect(object["clinicName"] as? String == "Acme \"Imaging\" </script>")
    }

    @Test("payloads queued by earlier versions (written by JSONEncoder, keys in another order) still read")
    func earlierPayloads() throws {
        let earlier = """
            {"acceptURL":"https:\\/\\/avara.example.org\\/invitations\\/019ca8bbb6baXYZ","clinicName":"Acme \\"Imaging\\" <\\/script>",\
            "clinicRole":"Radiologist","date":1772357400250,"expiresAt":1772962200250,"from":{"address":"invites@avara.local"},\
            "level":"admin","messageId":"inv_019ca8bbb6baeb56eedf64abc307e103.2ca646d7119aec72@avara","productName":"Viewer",\
            "to":{"address":"ann@example.org","name":"Ann"}}
            """
        #expect(try QueuedEmail(payload: earlier) == Self.email(name: "Ann"))
    }

    @Test("a payload that is not one fails with a reason instead of crashing")
    func unreadable() {
        for payload in ["", "[]", "{\"messageId\":1}", "{\"messageId\":\"m\",\"date\":\"soon\"}"] {
            #expect(throws: QueuedEmail.PayloadError.self) { try QueuedEmail(payload: payload) }
        }
    }
}
