import AvaraCore
import AvaraRoster
import HTTPTypes
import Logging

/// Invites a roster's rows through the core, as the invite page invites one person: each row's typed values become
/// the invite's fields, and the core applies every rule, permission and event (the signed-in person acts, surface
/// `dashboard`). The rows follow the rules the `avara users import` command follows (``Roster/steps()``).
///
/// A row ends `created`; `duplicate` when its email is a user of the product already (with that user's id) or
/// repeats an earlier row's; `rejected` with every field error, its own or the core's; `failed` for any other error
/// (logged with the request id).
struct RosterInvites: Sendable {
    let invitations: InvitationService
    let users: UserDirectoryService
    let product: Product
    let context: CommandContext
    let logger: Logger

    /// The most invites in flight at once: enough for the core's group commit to write several in one transaction,
    /// few enough to leave the service to its other requests.
    static let concurrency = 4

    /// The result of every row, in the roster's order.
    func run(_ roster: Roster) async -> [ImportResult] {
        let steps = roster.steps()
        var results: [Int: ImportResult] = [:]
        var invites: [(row: Int, email: String, values: [String: RosterValue])] = []
        for step in steps {
            switch step {
            case .invite(let row, let email, let values): invites.append((row, email, values))
            case .rejected(let result): results[result.row] = result
            case .repeats: break
            }
        }
        await withTaskGroup(of: ImportResult.self) { group in
            var next = invites.startIndex
            func addNext() {
                guard next < invites.endIndex else { return }
                let invite = invites[next]
                group.addTask { await self.invite(row: invite.row, email: invite.email, values: invite.values) }
                next += 1
            }
            for _ in 0..<Self.concurrency { addNext() }
            while let result = await group.next() {
                results[result.row] = result
                addNext()
            }
        }
        for case .repeats(let row, let email, let earlierRow) in steps {
            results[row] = .repeating(row: row, email: email, earlierRow: earlierRow, earlier: results[earlierRow])
        }
        return results.values.sorted { $0.row < $1.row }
    }

    /// Invites one row and tells how it ended.
    func invite(row: Int, email: String, values: [String: RosterValue]) async -> ImportResult {
        var result = ImportResult(row: row, email: email, outcome: .created)
        do {
            result.userId = try await invitations.invite(product: product, fields: Self.json(values), context: context)
                .userId
        } catch ServiceError.emailTaken {
            result.outcome = .duplicate
            result.errors = APIError.emailTaken(product: product).fieldErrors.map(RosterFieldError.init)
            let existing = try? await users.page(
                product: product, context: context, filter: UserFilter(email: email), after: nil, limit: 1)
            result.userId = existing?.users.first?.userId
        } catch ServiceError.invalid(let errors) {
            result.outcome = .rejected
            result.errors = errors.map(RosterFieldError.init)
        } catch {
            result.outcome = .failed
            let (status, detail): (HTTPResponse.Status, String) =
                if let error = error as? ServiceError {
                    (APIError(error).status, APIError(error).detail)
                } else {
                    (.internalServerError, "an unexpected error; quote request id \(context.requestId ?? "")")
                }
            logger.error(
                "roster row failed",
                metadata: ["row": "\(row)", "product": "\(product.rawValue)", "error": "\(String(reflecting: error))"])
            result.errors = [
                RosterFieldError(field: "request", message: "\(status.code) \(status.reasonPhrase): \(detail)")
            ]
        }
        return result
    }

    /// The invite's fields: texts as strings, booleans as booleans.
    static func json(_ values: [String: RosterValue]) -> [String: JSONValue] {
        values.mapValues { value in
            switch value {
            case .text(let text): .string(text)
            case .bool(let bool): .bool(bool)
            }
        }
    }
}

extension RosterFieldError {
    /// The core's field error, for a row's result.
    init(_ error: FieldError) {
        self.init(field: error.field, message: error.message)
    }
}
