/// A page of users as openapi.yaml's `ViewerUserList` and `AutoScribeUserList` write it.
///
/// `nextCursor` is required and `null` on the last page; the generated list types leave a `nil` out, which breaks
/// the schema (the API fuzzing in scripts/test found it), so the page is written here around the generated user
/// types.
struct UserListPage<User: Encodable>: Encodable {
    var data: [User]
    var hasMore: Bool
    var nextCursor: String?

    private enum CodingKeys: String, CodingKey {
        case data, hasMore, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(hasMore, forKey: .hasMore)
        // `encode` of an optional writes `null`, where `encodeIfPresent` would leave the key out.
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
