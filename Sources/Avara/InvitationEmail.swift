/// What became of the email carrying a user's current invitation link.
///
/// ```swift
/// let user = try await client.viewer.users.get(userId)
/// if user.invitationEmail?.status == .failed {
///     print("not delivered:", user.invitationEmail?.reason ?? "")  // then resend, once the address is fixed
/// }
/// ```
public struct InvitationEmail: Codable, Equatable, Sendable {
    /// `queued` until the mail server takes it, then `sent`; `failed` when it was given up on or not sent.
    public var status: InvitationEmailStatus
    /// Why the email failed (the mail server's answer, or what stopped it); `nil` unless it failed.
    public var reason: String?

    /// An email's state, as the API reports it.
    public init(status: InvitationEmailStatus, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }
}
