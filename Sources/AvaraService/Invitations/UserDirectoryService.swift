import Foundation
import Logging

/// Retrieving and removing users for the API: answers 404 for anything outside the key's clinic and product.
package struct UserDirectoryService: Sendable {
    private let directory: any UserDirectory
    private let clock: any ServiceClock
    private let logger: Logger

    package init(directory: any UserDirectory, clock: any ServiceClock, logger: Logger) {
        self.directory = directory
        self.clock = clock
        self.logger = logger
    }

    /// - Throws: ``APIError/userNotFound()``.
    package func user(id: String, product: Product, clinic: Clinic) async throws -> UserRecord {
        guard let user = try await directory.user(id: id, clinicId: clinic.clinicId, product: product, now: clock.now()) else {
            throw APIError.userNotFound()
        }
        return user
    }

    /// - Throws: ``APIError/userNotFound()``.
    package func delete(id: String, product: Product, clinic: Clinic) async throws {
        guard try await directory.delete(id: id, clinicId: clinic.clinicId, product: product) else {
            throw APIError.userNotFound()
        }
        logger.info("user removed", metadata: ["userId": "\(id)", "clinicId": "\(clinic.clinicId)"])
    }
}
