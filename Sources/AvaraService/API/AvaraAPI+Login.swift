import Foundation

extension AvaraAPI {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let body) = input.body else { throw APIError.malformedBody("Send the body as JSON.") }
        guard let product = Product(rawValue: body.product.rawValue) else {
            throw APIError.loginFailed()
        }
        let session = try await logins.login(
            email: body.email, password: body.password, product: product,
            clientAddress: ClientAddress.current ?? "unknown"
        )
        return .ok(.init(body: .json(.init(
            sessionToken: session.token, expiresAt: session.expiresAt, userId: session.userId
        ))))
    }
}
