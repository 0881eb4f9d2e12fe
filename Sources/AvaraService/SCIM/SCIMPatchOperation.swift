import AvaraCore

/// One operation of a PATCH request (RFC 7644 §3.5.2), read but not applied: what to do, where, with what.
///
/// Values are kept as sent (Entra's `"value": "False"` stays a string), for the routes to interpret.
///
/// ```swift
/// let operations = try SCIMPatchOperation.parseRequest(body)
/// // [SCIMPatchOperation(op: .replace, path: "active", value: .string("False"))]
/// ```
package struct SCIMPatchOperation: Sendable, Equatable {
    /// The `op` of an operation; requests write it in any case (Entra sends `"Replace"`).
    package enum Kind: String, Sendable, CaseIterable {
        case add
        case replace
        case remove
    }

    package var op: Kind
    /// The attribute the operation targets; without one, `add` and `replace` take an object of attributes.
    package var path: SCIMAttributePath?
    /// The value as sent; `nil` when the operation has no `value` member (a `null` one is `.null`).
    package var value: JSONValue?

    package init(op: Kind, path: SCIMAttributePath? = nil, value: JSONValue? = nil) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// More operations in one request are refused (413).
    package static let maximumOperationCount = 100

    /// Reads a PATCH request's body: its `schemas` must list the PatchOp message, its `Operations` (in any case, as
    /// every member name here: SCIM names are case-insensitive) hold 1 to ``maximumOperationCount`` operations.
    ///
    /// ```swift
    /// let body = JSONValue.object([
    ///     "schemas": .array([.string(SCIMSchemaURN.patchOp)]),
    ///     "Operations": .array([.object(["op": .string("replace"), "value": .object(["active": .bool(false)])])]),
    /// ])
    /// try SCIMPatchOperation.parseRequest(body)  // [SCIMPatchOperation(op: .replace, value: {"active": false})]
    /// ```
    ///
    /// - Throws: ``SCIMError/invalidSyntax(_:)`` for a body that is not such an object, an operation that is not an
    ///   object, an unknown `op`, or an `add` or `replace` without a value; ``SCIMError/invalidPath(_:)`` for a
    ///   `path` that is not an attribute path; ``SCIMError/noTarget(_:)`` for a `remove` without a path;
    ///   ``SCIMError/invalidValue(_:)`` for an `add` or `replace` without a path whose value is not an object;
    ///   ``SCIMError/payloadTooLarge(_:)`` beyond ``maximumOperationCount`` operations.
    package static func parseRequest(_ body: JSONValue) throws(SCIMError) -> [SCIMPatchOperation] {
        guard case .object(let message) = body else {
            throw .invalidSyntax("The body is \(body.typeDescription), not a PatchOp message (a JSON object).")
        }
        let schemas = try member("schemas", of: message, in: "The body")
        guard case .array(let schemaNames)? = schemas, schemaNames.contains(where: isPatchOpSchema) else {
            throw .invalidSyntax("The body's schemas must list \(SCIMSchemaURN.patchOp).")
        }
        guard let operationsValue = try member("Operations", of: message, in: "The body") else {
            throw .invalidSyntax("The body has no Operations.")
        }
        guard case .array(let operations) = operationsValue else {
            throw .invalidSyntax("The body's Operations is \(operationsValue.typeDescription), not an array.")
        }
        guard !operations.isEmpty else { throw .invalidSyntax("The body's Operations is empty.") }
        guard operations.count <= maximumOperationCount else {
            throw .payloadTooLarge(
                "The body has \(operations.count) operations; the limit is \(maximumOperationCount) per request.")
        }
        var parsed: [SCIMPatchOperation] = []
        for (index, operation) in operations.enumerated() {
            parsed.append(try parseOperation(operation, label: "Operations[\(index)]"))
        }
        return parsed
    }

    private static func parseOperation(_ operation: JSONValue, label: String) throws(SCIMError) -> SCIMPatchOperation {
        guard case .object(let members) = operation else {
            throw .invalidSyntax("\(label) is \(operation.typeDescription), not an object.")
        }
        let opValue = try member("op", of: members, in: label)
        guard case .string(let opName)? = opValue, let op = Kind(rawValue: opName.lowercased()) else {
            throw .invalidSyntax("\(label).op must be \"add\", \"replace\" or \"remove\".")
        }
        let path = try parsePath(try member("path", of: members, in: label), label: label)
        let value = try member("value", of: members, in: label)
        switch op {
        case .remove:
            guard path != nil else { throw .noTarget("\(label): remove needs a path naming what to remove.") }
        case .add, .replace:
            guard let value else { throw .invalidSyntax("\(label): \(op.rawValue) needs a value.") }
            if path == nil {
                guard case .object = value else {
                    throw .invalidValue(
                        "\(label): without a path, the value of \(op.rawValue) must be an object of attributes, "
                            + "not \(value.typeDescription).")
                }
            }
        }
        return SCIMPatchOperation(op: op, path: path, value: value)
    }

    /// The operation's path; a `null` one is taken as none.
    private static func parsePath(_ value: JSONValue?, label: String) throws(SCIMError) -> SCIMAttributePath? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            do {
                return try SCIMAttributePath.parse(text)
            } catch {
                throw .invalidPath("\(label).path: \(error.detail)")
            }
        case let other?:
            throw .invalidPath("\(label).path is \(other.typeDescription), not a string.")
        }
    }

    private static func isPatchOpSchema(_ value: JSONValue) -> Bool {
        guard case .string(let name) = value else { return false }
        return name.lowercased() == SCIMSchemaURN.patchOp.lowercased()
    }

    /// The member named `name` in any case; two members that differ only in case are refused as ambiguous.
    static func member(
        _ name: String, of object: [String: JSONValue], in context: String
    ) throws(SCIMError) -> JSONValue? {
        let lowercased = name.lowercased()
        let matches = object.filter { $0.key.lowercased() == lowercased }
        guard matches.count <= 1 else {
            throw .invalidSyntax("\(context) has \(matches.count) members named \(name) in different cases.")
        }
        return matches.first?.value
    }
}
