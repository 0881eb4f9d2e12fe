import AvaraCore
import Foundation

/// An error a SCIM endpoint answers with (RFC 7644 §3.12): an HTTP status, for a 400 or 409 the `scimType` that
/// says what was wrong, and a client-safe `detail`.
///
/// ```swift
/// throw SCIMError.invalidFilter("Unknown operator 'equals' at position 10.")
/// // answered as 400 with {"detail": "...", "schemas": [...Error], "scimType": "invalidFilter", "status": "400"}
/// ```
package struct SCIMError: Error, Sendable, Equatable {
    /// The HTTP status of the response.
    package var status: Int
    /// One of RFC 7644 §3.12's error types (`invalidFilter`, `tooMany`, `uniqueness`, `mutability`,
    /// `invalidSyntax`, `invalidPath`, `noTarget`, `invalidValue`, `invalidVers`, `sensitive`), or `nil`.
    package var scimType: String?
    /// What went wrong, for the client; it never carries internals.
    package var detail: String

    package init(status: Int, scimType: String? = nil, detail: String) {
        self.status = status
        self.scimType = scimType
        self.detail = detail
    }

    /// The media type of SCIM bodies, errors included (RFC 7644 §3.1).
    package static let contentType = "application/scim+json"

    /// The response body: `schemas`, `status` as a string (as RFC 7644 §3.12 shows it), `scimType` when there is
    /// one, and `detail`.
    ///
    /// ```swift
    /// SCIMError.notFound("No user with id usr_1.").responseBody
    /// // .object(["schemas": [...Error], "status": "404", "detail": "No user with id usr_1."])
    /// ```
    package var responseBody: JSONValue {
        var members: [String: JSONValue] = [
            "schemas": .array([.string(SCIMSchemaURN.error)]),
            "status": .string(String(status)),
            "detail": .string(detail),
        ]
        if let scimType { members["scimType"] = .string(scimType) }
        return .object(members)
    }

    /// ``responseBody`` as compact JSON with sorted keys: the same bytes every time.
    package func encoded() -> Data {
        Data(responseBody.jsonBytes)
    }
}

extension SCIMError {
    /// 400 `invalidFilter`: the filter's syntax is wrong, or it compares in a way the attribute does not allow.
    package static func invalidFilter(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidFilter", detail: detail)
    }

    /// 400 `invalidPath`: a PATCH operation's `path` (or a key of its value) is not an attribute path.
    package static func invalidPath(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidPath", detail: detail)
    }

    /// 400 `invalidSyntax`: the request body is not the message its endpoint reads.
    package static func invalidSyntax(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidSyntax", detail: detail)
    }

    /// 400 `invalidValue`: a value is missing, of the wrong type, or not one the attribute takes.
    package static func invalidValue(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidValue", detail: detail)
    }

    /// 400 `noTarget`: a path names nothing (a `remove` without a path, or a filter that matches no value).
    package static func noTarget(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "noTarget", detail: detail)
    }

    /// 400 `mutability`: the request changes an attribute that cannot be changed (`id`, for one).
    package static func mutability(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "mutability", detail: detail)
    }

    /// 400 `tooMany`: a filter would match more resources than the service will list.
    package static func tooMany(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "tooMany", detail: detail)
    }

    /// 400 `sensitive`: the request puts sensitive information (a password, say) in its URI.
    package static func sensitive(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "sensitive", detail: detail)
    }

    /// 400 `invalidVers`: the `If-Match` version is not one of the resource's.
    package static func invalidVersion(_ detail: String) -> SCIMError {
        SCIMError(status: 400, scimType: "invalidVers", detail: detail)
    }

    /// 404, no `scimType`: no resource at this URI (or not one the client may see).
    package static func notFound(_ detail: String) -> SCIMError {
        SCIMError(status: 404, detail: detail)
    }

    /// 409 `uniqueness`: a unique attribute (`userName`, `externalId`) is already taken.
    package static func uniqueness(_ detail: String) -> SCIMError {
        SCIMError(status: 409, scimType: "uniqueness", detail: detail)
    }

    /// 413, no `scimType`: the request holds more than the service will process in one go (RFC 7644 §3.7.4 answers
    /// a bulk request over its limit this way; a PATCH with too many operations gets the same).
    package static func payloadTooLarge(_ detail: String) -> SCIMError {
        SCIMError(status: 413, detail: detail)
    }
}
