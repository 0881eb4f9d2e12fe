import Avara
import AvaraRoster

/// Imports a roster: one invite per row, at most ``concurrency`` at a time, each with an
/// ``ImportIdempotencyKey`` so that running it again is safe.
///
/// Rows whose fields cannot make an invite are rejected without a call; a row repeating the email of an earlier
/// row is a duplicate without a call (``Roster/steps()``). A 409 answer is a duplicate (with the existing user's id, looked up by
/// email), a 422 a rejection with the server's field errors, any other failure after the SDK's retries `failed`.
///
/// ```swift
/// let roster = try Roster(csv: data, fields: Viewer.inviteFields)
/// let importer = RosterImport(users: try AvaraClient().viewer.users, concurrency: 8)
/// let results = await importer.run(roster) { tally in print(tally.done, "/", tally.total) }
/// ```
package struct RosterImport<Product: FieldMappedProduct>: Sendable {
    /// The product's users the rows are invited into.
    package let users: ProductUsers<Product>
    /// The most invites in flight at once (at least 1).
    package let concurrency: Int

    package init(users: ProductUsers<Product>, concurrency: Int = 8) {
        self.users = users
        self.concurrency = max(1, concurrency)
    }

    /// A row ready to send.
    struct Invite: Sendable {
        var row: Int
        var email: String
        var params: UserInviteParams<Product>
        var idempotencyKey: String
    }

    /// What to do with each row: send it, or its result without sending.
    enum Step: Sendable {
        case send(Invite)
        case done(ImportResult)
        /// The same email as an earlier row that is sent.
        case repeats(row: Int, email: String, earlierRow: Int)
    }

    /// The step of every row, in the roster's order (``Roster/steps()``: the rules the dashboard's import shares).
    static func plan(_ roster: Roster) -> [Step] {
        roster.steps().map { step in
            switch step {
            case .invite(let row, let email, let values):
                let params = Product.inviteParams(from: values)
                let key = ImportIdempotencyKey.key(product: Product.apiName, params: params)
                return .send(Invite(row: row, email: email, params: params, idempotencyKey: key))
            case .rejected(let result):
                return .done(result)
            case .repeats(let row, let email, let earlierRow):
                return .repeats(row: row, email: email, earlierRow: earlierRow)
            }
        }
    }

    /// Imports every row and returns their results in the roster's order; `progress` sees the tally after each row.
    package func run(_ roster: Roster, progress: (ImportTally) -> Void = { _ in }) async -> [ImportResult] {
        let steps = Self.plan(roster)
        var tally = ImportTally(total: steps.count)
        var results: [Int: ImportResult] = [:]
        func finish(_ result: ImportResult) {
            results[result.row] = result
            tally.record(result.outcome)
            progress(tally)
        }
        var invites: [Invite] = []
        for step in steps {
            switch step {
            case .send(let invite): invites.append(invite)
            case .done(let result): finish(result)
            case .repeats: break
            }
        }
        await withTaskGroup(of: ImportResult.self) { group in
            var next = invites.startIndex
            while next < invites.endIndex, next < concurrency {
                let invite = invites[next]
                group.addTask { await send(invite) }
                next += 1
            }
            while let result = await group.next() {
                finish(result)
                if next < invites.endIndex {
                    let invite = invites[next]
                    group.addTask { await send(invite) }
                    next += 1
                }
            }
        }
        for case .repeats(let row, let email, let earlierRow) in steps {
            finish(.repeating(row: row, email: email, earlierRow: earlierRow, earlier: results[earlierRow]))
        }
        return results.values.sorted { $0.row < $1.row }
    }

    /// Sends one invite and reads its answer.
    func send(_ invite: Invite) async -> ImportResult {
        var result = ImportResult(row: invite.row, email: invite.email, outcome: .created)
        do {
            let options = RequestOptions(idempotencyKey: invite.idempotencyKey)
            let user = try await users.invite(invite.params, options: options)
            result.userId = user.userId
        } catch let error as AvaraError where error.kind == .conflict {
            result.outcome = .duplicate
            result.errors =
                error.fieldErrors.isEmpty
                ? [.init(field: "email", message: error.detail ?? "already a user")]
                : error.fieldErrors.map(RosterFieldError.init)
            let existing = try? await users.list(UserListFilter(email: invite.email, pageSize: 1)).page().data.first
            result.userId = existing?.userId
        } catch let error as AvaraError where error.kind == .unprocessableEntity {
            result.outcome = .rejected
            result.errors =
                error.fieldErrors.isEmpty
                ? [.init(field: "row", message: error.detail ?? "rejected")]
                : error.fieldErrors.map(RosterFieldError.init)
        } catch {
            result.outcome = .failed
            result.errors = [.init(field: "request", message: ErrorText.summary(of: error))]
        }
        return result
    }
}
