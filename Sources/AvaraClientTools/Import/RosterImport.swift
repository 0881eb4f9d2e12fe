import Avara

/// Imports a roster: one invite per row, at most ``concurrency`` at a time, each with an
/// ``ImportIdempotencyKey`` so that running it again is safe.
///
/// Rows whose fields cannot make an invite are rejected without a call; a row repeating the email of an earlier
/// row is a duplicate without a call. A 409 answer is a duplicate (with the existing user's id, looked up by
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

    /// The step of every row, in the roster's order.
    static func plan(_ roster: Roster) -> [Step] {
        var firstRowOfEmail: [String: Int] = [:]
        return roster.rows.map { row in
            let email = row.values["email"] ?? ""
            guard row.problems.isEmpty else {
                return .done(ImportResult(row: row.line, email: email, outcome: .rejected, errors: row.problems))
            }
            let params: UserInviteParams<Product>
            do throws(FieldProblems) {
                params = try Product.inviteParams(from: row.values)
            } catch {
                return .done(ImportResult(row: row.line, email: email, outcome: .rejected, errors: error.errors))
            }
            if let earlier = firstRowOfEmail[email.lowercased()] {
                return .repeats(row: row.line, email: email, earlierRow: earlier)
            }
            firstRowOfEmail[email.lowercased()] = row.line
            let key = ImportIdempotencyKey.key(product: Product.apiName, params: params)
            return .send(Invite(row: row.line, email: email, params: params, idempotencyKey: key))
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
            let earlier = results[earlierRow]
            let userId = earlier?.outcome == .created || earlier?.outcome == .duplicate ? earlier?.userId : nil
            finish(
                ImportResult(
                    row: row, email: email, outcome: .duplicate, userId: userId,
                    errors: [.init(field: "email", message: "repeats row \(earlierRow)")]
                )
            )
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
                ? [.init(field: "email", message: error.detail ?? "already a user")] : error.fieldErrors
            let existing = try? await users.list(UserListFilter(email: invite.email, pageSize: 1)).page().data.first
            result.userId = existing?.userId
        } catch let error as AvaraError where error.kind == .unprocessableEntity {
            result.outcome = .rejected
            result.errors =
                error.fieldErrors.isEmpty
                ? [.init(field: "row", message: error.detail ?? "rejected")] : error.fieldErrors
        } catch {
            result.outcome = .failed
            result.errors = [.init(field: "request", message: ErrorText.summary(of: error))]
        }
        return result
    }
}
