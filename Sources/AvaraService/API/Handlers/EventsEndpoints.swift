import AvaraCore
import HTTPTypes
import Hummingbird

/// `GET /v1/events`: the clinic's audit log, a page at a time.
struct EventsEndpoints: Sendable {
    let events: EventService

    static let path = "/v1/events"

    var routes: [APIRoute<ClinicRequestContext>] {
        [APIRoute(.get, Self.path, "eventsList", list)]
    }

    @Sendable func list(_ request: Request, context: ClinicRequestContext) async throws -> Response {
        let query = try EventQuery(request.uri.queryParameters)
        let page = try await events.page(
            context: context.commandContext, filter: query.filter, order: query.order, after: query.after,
            limit: query.limit
        )
        let body = JSONValue.object([
            "data": .array(page.events.map(\.jsonValue)), "hasMore": .bool(page.nextCursor != nil),
            "nextCursor": page.nextCursor.map(JSONValue.string) ?? .null,
        ])
        return APIJSON.response(.ok, bytes: body.jsonBytes)
    }
}

/// The query parameters of `GET /v1/events`, checked against the types openapi.yaml gives them.
struct EventQuery {
    var limit: Int?
    var after: String?
    var order: ListOrder = .newest
    var filter = EventFilter()

    /// - Throws: a 400 naming every parameter that is not of its type: `limit` not an integer, an `order` or
    ///   `type` that is not one of its values, a `since` or `until` that is not an RFC 3339 timestamp.
    init(_ parameters: Parameters) throws {
        var errors: [FieldError] = []
        func text(_ name: String) -> String? { parameters[name[...]].map(String.init) }
        func parsed<T>(_ name: String, _ message: String, _ parse: (String) -> T?) -> T? {
            guard let value = text(name) else { return nil }
            guard let result = parse(value) else {
                errors.append(FieldError(field: name, message: message))
                return nil
            }
            return result
        }
        limit = parsed("limit", "must be an integer") { Int($0) }
        after = text("after")
        order = parsed("order", "must be newest or oldest", ListOrder.init(rawValue:)) ?? .newest
        filter = EventFilter(
            type: parsed("type", "is not one of the event types openapi.yaml lists", EventType.init(rawValue:)),
            subjectId: text("userId"), actorId: text("actorId"),
            since: parsed("since", "must be an RFC 3339 timestamp", Timestamp.date),
            until: parsed("until", "must be an RFC 3339 timestamp", Timestamp.date)
        )
        guard errors.isEmpty else {
            throw APIError.invalidQuery(errors)
        }
    }
}
