import AvaraCore

/// An attribute path and the value a PATCH `add` or `replace` puts there.
///
/// Without a path, an operation's value is an object whose keys are themselves paths (Okta and Entra send
/// `{"name.givenName": "A", "active": true}`, some with a schema URN in front), or schema URNs holding that schema's
/// attributes; ``members(of:knownSchemas:)`` reads them, one pair per attribute:
///
/// ```swift
/// try SCIMPathValue.members(of: ["name.givenName": .string("A"), "active": .bool(true)])
/// // [SCIMPathValue(path: active, value: true), SCIMPathValue(path: name.givenName, value: "A")]
/// ```
package struct SCIMPathValue: Sendable, Equatable {
    package var path: SCIMAttributePath
    package var value: JSONValue

    package init(path: SCIMAttributePath, value: JSONValue) {
        self.path = path
        self.value = value
    }

    /// The pairs of a value object, sorted by key (the object's own order is lost in parsing).
    ///
    /// A key that is one of `knownSchemas` (in any case) holds an object of that schema's attributes, each of which
    /// becomes a path with the schema set:
    ///
    /// ```swift
    /// try SCIMPathValue.members(of: [SCIMSchemaURN.enterpriseUser: .object(["department": .string("X")])])
    /// // [SCIMPathValue(path: urn:...:enterprise:2.0:User:department, value: "X")]
    /// ```
    ///
    /// - Throws: ``SCIMError/invalidPath(_:)`` for a key that is not an attribute path (or that names a schema
    ///   under a schema key); ``SCIMError/invalidValue(_:)`` for a schema key whose value is not an object.
    package static func members(
        of object: [String: JSONValue], knownSchemas: [String] = SCIMSchemaURN.userSchemas
    ) throws(SCIMError) -> [SCIMPathValue] {
        let schemaKeys = Set(knownSchemas.map { $0.lowercased() })
        var members: [SCIMPathValue] = []
        for (key, value) in sortedByKey(object) {
            guard schemaKeys.contains(key.lowercased()) else {
                members.append(SCIMPathValue(path: try path(key, in: "The value"), value: value))
                continue
            }
            guard case .object(let attributes) = value else {
                throw .invalidValue(
                    "The value's member \(key) is \(value.typeDescription), not an object of that schema's attributes."
                )
            }
            // A `schemas` member naming the extension again (scim2-models writes one) is not an attribute.
            for (name, attributeValue) in sortedByKey(attributes) where name.lowercased() != "schemas" {
                var attributePath = try path(name, in: "The value's member \(key)")
                guard attributePath.schema == nil else {
                    throw .invalidPath("The value's member \(key) holds \(name), which names a schema of its own.")
                }
                attributePath.schema = key
                members.append(SCIMPathValue(path: attributePath, value: attributeValue))
            }
        }
        return members
    }

    private static func path(_ key: String, in context: String) throws(SCIMError) -> SCIMAttributePath {
        do {
            return try SCIMAttributePath.parse(key)
        } catch {
            throw .invalidPath("\(context) has a member that is not an attribute path: \(error.detail)")
        }
    }

    private static func sortedByKey(_ object: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        object.sorted { $0.key < $1.key }
    }
}

extension SCIMPatchOperation {
    /// What an `add` or `replace` puts where: its path and value, or without a path the members of its value
    /// object (``SCIMPathValue/members(of:knownSchemas:)``); nothing for a `remove`.
    ///
    /// ```swift
    /// let operation = SCIMPatchOperation(op: .replace, value: .object(["active": .bool(false)]))
    /// try operation.pathValues()  // [SCIMPathValue(path: active, value: false)]
    /// ```
    ///
    /// - Throws: what ``SCIMPathValue/members(of:knownSchemas:)`` throws; for an operation ``parseRequest(_:)``
    ///   never makes, ``SCIMError/invalidSyntax(_:)`` without a value or ``SCIMError/invalidValue(_:)`` without a
    ///   path and with a value that is not an object.
    package func pathValues(knownSchemas: [String] = SCIMSchemaURN.userSchemas) throws(SCIMError) -> [SCIMPathValue] {
        switch (op, path, value) {
        case (.remove, _, _): return []
        case (_, let path?, let value?):
            // A path naming a whole schema (`urn:…:avara:2.0:User`) holds that schema's attributes, as a key does.
            if path.subAttribute == nil, path.valueFilter == nil,
                let schema = knownSchemas.first(where: { $0.lowercased() == path.normalizedName })
            {
                return try SCIMPathValue.members(of: [schema: value], knownSchemas: knownSchemas)
            }
            return [SCIMPathValue(path: path, value: value)]
        case (_, nil, .object(let object)?): return try SCIMPathValue.members(of: object, knownSchemas: knownSchemas)
        case (_, .some, nil):
            throw .invalidSyntax("A \(op.rawValue) needs a value.")
        case (_, nil, let value):
            throw .invalidValue(
                "A \(op.rawValue) without a path takes an object of attributes, not "
                    + "\(value?.typeDescription ?? "nothing").")
        }
    }
}
