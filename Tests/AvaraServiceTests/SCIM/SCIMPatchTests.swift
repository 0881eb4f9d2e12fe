import AvaraTestSupport
import Testing

@testable import AvaraCore
@testable import AvaraService

/// A JSON text as the routes will have decoded it.
private func json(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

/// A PatchOp body around operations written as JSON.
private func patchBody(_ operations: String...) throws -> JSONValue {
    try json(
        #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["#
            + operations.joined(separator: ",") + "]}")
}

/// The error `SCIMPatchOperation.parseRequest` throws for `body`.
private func patchError(_ body: JSONValue) throws -> SCIMError {
    try #require(throws: SCIMError.self) { try SCIMPatchOperation.parseRequest(body) }
}

@Suite("SCIM PATCH requests")
struct SCIMPatchTests {
    private static let enterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    @Test("Entra ID's operations, values kept as sent")
    func entraOperations() throws {
        let active = try json(
            #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}"#
        )
        #expect(
            try SCIMPatchOperation.parseRequest(active)
                == [SCIMPatchOperation(op: .replace, path: SCIMAttributePath(attribute: "active"), value: "False")])
        let operations = try SCIMPatchOperation.parseRequest(
            try patchBody(
                #"{"op":"Add","path":"emails[type eq \"work\"].value","value":"x@y.org"}"#,
                #"{"op":"Replace","path":"name.givenName","value":"B"}"#,
                #"{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"X"}"#
            ))
        #expect(
            operations == [
                SCIMPatchOperation(
                    op: .add,
                    path: SCIMAttributePath(
                        attribute: "emails",
                        valueFilter: .comparison(SCIMAttributePath(attribute: "type"), .equal, "work"),
                        subAttribute: "value"),
                    value: "x@y.org"),
                SCIMPatchOperation(
                    op: .replace, path: SCIMAttributePath(attribute: "name", subAttribute: "givenName"), value: "B"),
                SCIMPatchOperation(
                    op: .add, path: SCIMAttributePath(schema: Self.enterpriseUser, attribute: "department"),
                    value: "X"),
            ])
    }

    @Test("Entra's removal of one group member keeps the value that names it")
    func removeWithValue() throws {
        let operations = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"Remove","path":"members","value":[{"value":"usr_1"}]}"#))
        #expect(
            operations == [
                SCIMPatchOperation(
                    op: .remove, path: SCIMAttributePath(attribute: "members"),
                    value: .array([.object(["value": "usr_1"])]))
            ])
        #expect(try operations[0].pathValues().isEmpty)
    }

    @Test("Okta's replace without a path: the value object's keys become paths")
    func oktaReplaceWithoutPath() throws {
        let deactivate = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"replace","value":{"active":false}}"#))
        #expect(deactivate == [SCIMPatchOperation(op: .replace, value: .object(["active": false]))])
        #expect(
            try deactivate[0].pathValues() == [
                SCIMPathValue(path: SCIMAttributePath(attribute: "active"), value: false)
            ])

        let rename = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"replace","value":{"name.givenName":"A","name.familyName":"B","active":true}}"#))
        #expect(rename.count == 1)
        #expect(rename.first?.path == nil)
        #expect(
            try rename.first?.pathValues() == [
                SCIMPathValue(path: SCIMAttributePath(attribute: "active"), value: true),
                SCIMPathValue(path: SCIMAttributePath(attribute: "name", subAttribute: "familyName"), value: "B"),
                SCIMPathValue(path: SCIMAttributePath(attribute: "name", subAttribute: "givenName"), value: "A"),
            ])
    }

    @Test("keys of a value object with a schema URN, or that are a schema URN holding its attributes")
    func valueObjectWithSchemas() throws {
        let prefixed = try SCIMPathValue.members(of: [
            "\(Self.enterpriseUser):department": "X", "urn:ietf:params:scim:schemas:core:2.0:User:userName": "u",
        ])
        #expect(
            prefixed == [
                SCIMPathValue(
                    path: SCIMAttributePath(
                        schema: "urn:ietf:params:scim:schemas:core:2.0:User", attribute: "userName"),
                    value: "u"),
                SCIMPathValue(
                    path: SCIMAttributePath(schema: Self.enterpriseUser, attribute: "department"), value: "X"),
            ])
        let nested: [String: JSONValue] = [
            "URN:IETF:params:scim:schemas:extension:enterprise:2.0:User": .object([
                "department": "X", "manager": .object(["value": "usr_9"]),
            ]),
            "title": "Nurse",
        ]
        let schema = "URN:IETF:params:scim:schemas:extension:enterprise:2.0:User"
        #expect(
            try SCIMPathValue.members(of: nested) == [
                SCIMPathValue(path: SCIMAttributePath(schema: schema, attribute: "department"), value: "X"),
                SCIMPathValue(
                    path: SCIMAttributePath(schema: schema, attribute: "manager"), value: .object(["value": "usr_9"])),
                SCIMPathValue(path: SCIMAttributePath(attribute: "title"), value: "Nurse"),
            ])
        // Without the schema among the known ones, the key is read as a path like any other.
        let unknown = try SCIMPathValue.members(of: nested, knownSchemas: [])
        #expect(unknown.map(\.path.attribute) == ["User", "title"])
        #expect(unknown.first?.path.schema == "URN:IETF:params:scim:schemas:extension:enterprise:2.0")
    }

    @Test("a value object's keys must be paths, and a schema key must hold an object of plain names")
    func valueObjectErrors() throws {
        let badKey = try #require(throws: SCIMError.self) { try SCIMPathValue.members(of: ["name..x": "A"]) }
        #expect(badKey.scimType == "invalidPath")
        #expect(badKey.detail.contains("'name..x' at position 1 is not an attribute path"))
        let notObject = try #require(throws: SCIMError.self) {
            try SCIMPathValue.members(of: [Self.enterpriseUser: "X"])
        }
        #expect(notObject.scimType == "invalidValue")
        let schemaInSchema = try #require(throws: SCIMError.self) {
            try SCIMPathValue.members(of: [Self.enterpriseUser: .object(["\(Self.enterpriseUser):department": "X"])])
        }
        #expect(schemaInSchema.scimType == "invalidPath")
        #expect(schemaInSchema.detail.contains("names a schema of its own"))
    }

    @Test(
        "op is read in any case",
        arguments: [
            ("add", SCIMPatchOperation.Kind.add), ("Add", .add), ("ADD", .add), ("replace", .replace),
            ("Replace", .replace), ("remove", .remove), ("Remove", .remove),
        ])
    func opCase(op: String, kind: SCIMPatchOperation.Kind) throws {
        let operations = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"\#(op)","path":"title","value":"x"}"#))
        #expect(operations.map(\.op) == [kind])
    }

    @Test("member names and the PatchOp URN are read in any case; a null path is none; a null value is kept")
    func lenientReading() throws {
        for key in ["operations", "OPERATIONS", "Operations"] {
            let body = try json(
                #"{"Schemas":["URN:ietf:params:scim:api:messages:2.0:PATCHOP"],"\#(key)":[{"OP":"remove","Path":"title"}]}"#
            )
            #expect(
                try SCIMPatchOperation.parseRequest(body)
                    == [SCIMPatchOperation(op: .remove, path: SCIMAttributePath(attribute: "title"))])
        }
        let nullPath = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"add","path":null,"value":{"title":"x"}}"#))
        #expect(nullPath == [SCIMPatchOperation(op: .add, value: .object(["title": "x"]))])
        let nullValue = try SCIMPatchOperation.parseRequest(
            try patchBody(#"{"op":"replace","path":"title","value":null}"#))
        #expect(
            nullValue == [SCIMPatchOperation(op: .replace, path: SCIMAttributePath(attribute: "title"), value: .null)])
    }

    @Test("up to the operation limit, and a 413 beyond it")
    func operationLimit() throws {
        let operation = #"{"op":"remove","path":"title"}"#
        let limit = SCIMPatchOperation.maximumOperationCount
        let atLimit = try patchBody(Array(repeating: operation, count: limit).joined(separator: ","))
        #expect(try SCIMPatchOperation.parseRequest(atLimit).count == limit)
        let overLimit = try patchError(
            try patchBody(Array(repeating: operation, count: limit + 1).joined(separator: ",")))
        #expect(overLimit == .payloadTooLarge("The body has 101 operations; the limit is 100 per request."))
    }

    @Test(
        "malformed bodies each give their SCIM error",
        arguments: [
            ("[]", "invalidSyntax", "The body is an array, not a PatchOp message"),
            (#""Operations""#, "invalidSyntax", "The body is a string"),
            (#"{"Operations":[{"op":"remove","path":"x"}]}"#, "invalidSyntax", "schemas must list"),
            (
                #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"remove","path":"x"}]}"#,
                "invalidSyntax", "schemas must list"
            ),
            (
                #"{"schemas":"urn:ietf:params:scim:api:messages:2.0:PatchOp","Operations":[]}"#, "invalidSyntax",
                "schemas must list"
            ),
            (
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}"#, "invalidSyntax",
                "The body has no Operations."
            ),
            (
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add"}}"#,
                "invalidSyntax", "Operations is an object, not an array."
            ),
            (
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}"#, "invalidSyntax",
                "Operations is empty."
            ),
            (
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[],"operations":[]}"#,
                "invalidSyntax", "has 2 members named Operations in different cases"
            ),
        ]
    )
    func malformedBodies(text: String, scimType: String, detailFragment: String) throws {
        let error = try patchError(try json(text))
        #expect(error.status == 400)
        #expect(error.scimType == scimType)
        #expect(error.detail.contains(detailFragment), "\(error.detail)")
    }

    @Test(
        "malformed operations each give their SCIM error, naming the operation",
        arguments: [
            (#""remove""#, "invalidSyntax", "Operations[1] is a string, not an object."),
            (
                #"{"path":"title","value":"x"}"#, "invalidSyntax",
                #"Operations[1].op must be "add", "replace" or "remove"."#
            ),
            (#"{"op":"update","path":"title","value":"x"}"#, "invalidSyntax", "Operations[1].op must be"),
            (#"{"op":true,"path":"title","value":"x"}"#, "invalidSyntax", "Operations[1].op must be"),
            (#"{"op":"remove"}"#, "noTarget", "Operations[1]: remove needs a path"),
            (#"{"op":"remove","value":{"title":"x"}}"#, "noTarget", "Operations[1]: remove needs a path"),
            (#"{"op":"add","path":"title"}"#, "invalidSyntax", "Operations[1]: add needs a value."),
            (#"{"op":"replace"}"#, "invalidSyntax", "Operations[1]: replace needs a value."),
            (
                #"{"op":"replace","value":"False"}"#, "invalidValue",
                "without a path, the value of replace must be an object"
            ),
            (#"{"op":"add","value":[{"value":"x"}]}"#, "invalidValue", "not an array"),
            (#"{"op":"add","path":42,"value":"x"}"#, "invalidPath", "Operations[1].path is a number, not a string."),
            (
                #"{"op":"add","path":"name..givenName","value":"x"}"#, "invalidPath",
                "Operations[1].path: 'name..givenName'"
            ),
            (#"{"op":"add","path":"","value":"x"}"#, "invalidPath", "Operations[1].path: The path is empty."),
            (#"{"op":"add","path":"emails[type eq \"work\"","value":"x"}"#, "invalidPath", "is never closed"),
        ]
    )
    func malformedOperations(operation: String, scimType: String, detailFragment: String) throws {
        let error = try patchError(try patchBody(#"{"op":"remove","path":"title"}"#, operation))
        #expect(error.status == 400)
        #expect(error.scimType == scimType)
        #expect(error.detail.contains(detailFragment), "\(error.detail)")
    }
}
