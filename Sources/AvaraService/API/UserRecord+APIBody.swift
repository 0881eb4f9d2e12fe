import AvaraCore

extension UserRecord {
    /// The user as the API writes it: its product's user schema, in JSON.
    func apiBody() throws -> [UInt8] {
        switch product {
        case .viewer: try APIJSON.encode(Components.Schemas.ViewerUserInviteResponse(self))
        case .autoScribe: try APIJSON.encode(Components.Schemas.AutoScribeUserInviteResponse(self))
        }
    }
}
