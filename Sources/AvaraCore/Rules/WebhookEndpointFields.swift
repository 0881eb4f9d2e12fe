/// The fields of a webhook endpoint as a surface sends them, checked: each violation named, all at once.
package struct WebhookEndpointFields: Sendable, Equatable {
    package var url: String?
    package var eventTypes: [EventType]?
    /// `.some(nil)` clears it.
    package var description: String??
    package var status: WebhookEndpoint.Status?

    /// Reads `fields`; `requireAll` for a creation (`url` and `eventTypes` then required, `status` not taken).
    ///
    /// - Throws: ``ServiceError/invalid(_:)`` naming every field that is missing, of the wrong type or not
    ///   allowed (the URL's own rules are ``WebhookURLRule``'s, checked after).
    package init(_ fields: [String: JSONValue], requireAll: Bool) throws {
        var errors: [FieldError] = []
        switch fields["url"] {
        case .string(let url)?: self.url = url
        case nil where !requireAll: break
        case nil: errors.append(FieldError(field: "url", message: "is required"))
        case let other?:
            errors.append(FieldError(field: "url", message: "must be a string, got \(other.typeDescription)"))
        }
        switch fields["eventTypes"] {
        case .array(let values)?:
            var types: Set<EventType> = []
            for value in values {
                guard case .string(let name) = value, let type = EventType(rawValue: name) else {
                    errors.append(
                        FieldError(field: "eventTypes", message: "must list event types of openapi.yaml's EventType"))
                    break
                }
                types.insert(type)
            }
            if values.isEmpty { errors.append(FieldError(field: "eventTypes", message: "must list at least one type")) }
            eventTypes = EventType.allCases.filter(types.contains)
        case nil where !requireAll: break
        case nil: errors.append(FieldError(field: "eventTypes", message: "is required"))
        case let other?:
            errors.append(FieldError(field: "eventTypes", message: "must be an array, got \(other.typeDescription)"))
        }
        switch fields["description"] {
        case nil: break
        case .null?: description = .some(nil)
        case .string(let text)?:
            if text.count > 500 || TextChecks.containsControlCharacter(text) {
                errors.append(
                    FieldError(
                        field: "description", message: "must have at most 500 characters and no control characters"))
            }
            description = .some(text.isEmpty ? nil : text)
        case let other?:
            errors.append(FieldError(field: "description", message: "must be a string, got \(other.typeDescription)"))
        }
        switch fields["status"] {
        case nil: break
        case .string(let name)? where !requireAll && WebhookEndpoint.Status(rawValue: name) != nil:
            status = WebhookEndpoint.Status(rawValue: name)
        case _? where requireAll:
            errors.append(FieldError(field: "status", message: "is set by updating the endpoint, not at creation"))
        case _?: errors.append(FieldError(field: "status", message: "must be enabled or disabled"))
        }
        if let error = ServiceError.invalid(ifAny: errors) { throw error }
    }
}
