import Foundation

/// The client of the Avara API.
///
/// ```swift
/// import Avara
///
/// let client = try AvaraClient()   // AVARA_API_KEY; AVARA_BASE_URL, default http://127.0.0.1:8080
/// let user = try await client.viewer.users.invite(
///     canManageStudies: true, clinicRole: .radiologist, email: "dr.johnson@hospital.org",
///     firstName: "Sarah", hasDashboardAccess: true, lastName: "Johnson", level: .member)
/// print(user.userId)
/// ```
///
/// A client is cheap to copy and safe to share between tasks.
public struct AvaraClient: Sendable {
    /// Where `avara serve` listens by default.
    public static let defaultBaseURL = URL(string: "http://127.0.0.1:8080")!

    /// Viewer, the study viewer.
    public let viewer: Viewer.API
    /// AutoScribe, radiology report writing.
    public let autoScribe: AutoScribe.API
    /// The clinic's API keys.
    public let apiKeys: APIKeys
    /// The clinic's audit log: every change of state, who made it and from where.
    public let events: Events
    /// The clinic's webhook endpoints, their secrets and their deliveries.
    public let webhookEndpoints: WebhookEndpoints
    /// What sends the requests of every operation.
    private let requester: Requester

    /// A client with the API key `apiKey`.
    ///
    /// - Parameters:
    ///   - apiKey: The clinic's key (`avk_...`), sent as `Authorization: Bearer`.
    ///   - baseURL: The service, e.g. `https://avara.clinic.example`; ``defaultBaseURL`` by default.
    ///   - configuration: Timeouts, retries and headers.
    ///   - transport: What sends the requests; `URLSession` by default.
    public init(
        apiKey: String,
        baseURL: URL = AvaraClient.defaultBaseURL,
        configuration: Configuration = Configuration(),
        transport: any AvaraTransport = URLSessionTransport()
    ) {
        requester = Requester(apiKey: apiKey, baseURL: baseURL, configuration: configuration, transport: transport)
        viewer = ProductAPI(requester: requester)
        autoScribe = ProductAPI(requester: requester)
        apiKeys = APIKeys(requester: requester)
        events = Events(requester: requester)
        webhookEndpoints = WebhookEndpoints(requester: requester)
    }

    /// A client configured from the environment: `AVARA_API_KEY` (required) and `AVARA_BASE_URL`.
    ///
    /// - Throws: ``AvaraError`` of kind ``AvaraError/Kind/configuration`` when `AVARA_API_KEY` is missing or
    ///   `AVARA_BASE_URL` is not an http(s) URL.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration: Configuration = Configuration(),
        transport: any AvaraTransport = URLSessionTransport()
    ) throws {
        guard let apiKey = environment["AVARA_API_KEY"], !apiKey.isEmpty else {
            throw AvaraError(kind: .configuration, detail: "set AVARA_API_KEY to your clinic's API key")
        }
        var baseURL = Self.defaultBaseURL
        if let text = environment["AVARA_BASE_URL"], !text.isEmpty {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw AvaraError(kind: .configuration, detail: "AVARA_BASE_URL must be an http(s) URL, got \(text)")
            }
            baseURL = url
        }
        self.init(apiKey: apiKey, baseURL: baseURL, configuration: configuration, transport: transport)
    }
}

extension AvaraClient {
    /// The clinic's users of `product`, for code written once for both products: `users(of: Viewer.self)` is
    /// ``viewer``'s ``ProductAPI/users``.
    ///
    /// ```swift
    /// func count<Product: AvaraProduct>(_ product: Product.Type, in client: AvaraClient) async throws -> Int {
    ///     try await client.users(of: product).list().reduce(0) { count, _ in count + 1 }
    /// }
    /// ```
    public func users<Product: AvaraProduct>(of product: Product.Type) -> ProductUsers<Product> {
        ProductUsers(requester: requester)
    }
}
