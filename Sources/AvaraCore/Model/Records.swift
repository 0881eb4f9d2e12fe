import Foundation

/// A clinic: the tenant every API key and user belongs to.
package struct Clinic: Sendable, Equatable {
    package var clinicId: String
    package var name: String
    package var createdAt: Date

    package init(clinicId: String, name: String, createdAt: Date) {
        self.clinicId = clinicId
        self.name = name
        self.createdAt = createdAt
    }
}

/// A user as stored, in either product.
package struct UserRecord: Sendable, Equatable, Codable {
    package var userId: String
    package var clinicId: String
    package var product: Product
    package var email: String
    package var firstName: String
    package var lastName: String
    package var middleName: String?
    package var suffix1: String?
    package var suffix2: String?
    package var phoneNumber: String?
    package var clinicRole: String
    package var level: String
    package var canManageStudies: Bool
    package var hasDashboardAccess: Bool
    /// AutoScribe only.
    package var canCreateReports: Bool?
    /// AutoScribe only.
    package var npiNumber: String?
    package var invitedSource: String
    package var createdAt: Date
    package var lastLoginAt: Date?
    /// `false` while the user is deactivated (by the clinic's identity provider, through SCIM): kept and listed,
    /// but unable to sign in or accept their invitation, and without sessions.
    package var active: Bool = true
    /// The identity provider's id of the user (SCIM's `externalId`), stored as it was sent.
    package var externalId: String? = nil
    /// The name the identity provider knows the user by (SCIM's `userName`, often their sign-in name there), stored
    /// as it was sent; `nil` for a user it did not provision, whose `userName` is their email.
    package var providerUserName: String? = nil
    /// The user's current invitation, when it was loaded with the user.
    package var invitation: InvitationState? = nil

    /// The key that makes an email unique per clinic and product, whatever its case.
    package var emailKey: String { email.lowercased() }

    /// The key that makes ``providerUserName`` unique per clinic and product, whatever its case.
    package var providerUserNameKey: String? { providerUserName?.lowercased() }

    /// `text` as name searches compare it: in lower case by Unicode's rules, whatever the database's own `lower()`
    /// does (SQLite's changes ASCII letters only).
    package static func searchKey(_ text: String) -> String { text.lowercased() }

    /// "Sarah Marie Johnson MD".
    package var fullName: String {
        [firstName, middleName, lastName, suffix1, suffix2].compactMap { $0 }.joined(separator: " ")
    }

    package init(
        userId: String, clinicId: String, product: Product, email: String, firstName: String, lastName: String,
        middleName: String? = nil, suffix1: String? = nil, suffix2: String? = nil, phoneNumber: String? = nil,
        clinicRole: String, level: String, canManageStudies: Bool, hasDashboardAccess: Bool,
        canCreateReports: Bool? = nil, npiNumber: String? = nil, invitedSource: String, createdAt: Date,
        lastLoginAt: Date? = nil, active: Bool = true, externalId: String? = nil, providerUserName: String? = nil,
        invitation: InvitationState? = nil
    ) {
        self.userId = userId
        self.clinicId = clinicId
        self.product = product
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.middleName = middleName
        self.suffix1 = suffix1
        self.suffix2 = suffix2
        self.phoneNumber = phoneNumber
        self.clinicRole = clinicRole
        self.level = level
        self.canManageStudies = canManageStudies
        self.hasDashboardAccess = hasDashboardAccess
        self.canCreateReports = canCreateReports
        self.npiNumber = npiNumber
        self.invitedSource = invitedSource
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
        self.active = active
        self.externalId = externalId
        self.providerUserName = providerUserName
        self.invitation = invitation
    }
}

/// The invitation of a newly invited user. Only the hash of its token is stored.
package struct InvitationRecord: Sendable, Equatable {
    package var invitationId: String
    package var tokenHash: String
    package var createdAt: Date
    package var expiresAt: Date

    package init(invitationId: String, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.invitationId = invitationId
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// An email waiting in the outbox for a transport to accept it.
package struct OutboxMessage: Sendable, Equatable {
    package var messageId: String
    package var userId: String?
    /// The hash of the invitation token whose link the message carries: the message is sent only while that
    /// invitation is still the user's live one.
    package var tokenHash: String?
    /// The envelope recipient.
    package var recipient: String
    /// What the message says, rendered at delivery time (see ``QueuedEmail``).
    package var payload: String
    package var createdAt: Date

    package init(
        messageId: String, userId: String? = nil, tokenHash: String? = nil, recipient: String, payload: String,
        createdAt: Date
    ) {
        self.messageId = messageId
        self.userId = userId
        self.tokenHash = tokenHash
        self.recipient = recipient
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// Everything one accepted invite writes, in one transaction: the user, its invitation, its email, its
/// `user.invited` event and, for a request with an `Idempotency-Key`, the key with its answer.
package struct NewInvite: Sendable {
    package var user: UserRecord
    package var invitation: InvitationRecord
    /// The invitation email; `nil` for an owner's account in a second product, opened by the email of the first
    /// (see ``InvitationService/inviteOwner(fields:products:context:)``).
    package var email: OutboxMessage?
    /// Written only when the user is.
    package var event: DomainEvent
    /// The idempotency key the invite claims, with its answer either way; `nil` without a key.
    package var idempotency: IdempotencyRecord?

    package init(
        user: UserRecord, invitation: InvitationRecord, email: OutboxMessage?, event: DomainEvent,
        idempotency: IdempotencyRecord? = nil
    ) {
        self.user = user
        self.invitation = invitation
        self.email = email
        self.event = event
        self.idempotency = idempotency
    }
}

/// What became of one invite.
package enum InviteOutcome: Sendable, Equatable {
    /// The user, invitation and email were committed.
    case created(UserRecord)
    /// A user with this email (in any case) already exists in this product for this clinic; nothing was written
    /// but, for a keyed invite, the key with its 409 answer.
    case duplicateEmail
    /// Another request holds the invite's idempotency key (it committed first); nothing was written.
    case idempotencyKeyTaken
}
