import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension MailDeliveryError {
    /// A transient failure of `action` on `path`, with the system's reason (`errno`).
    static func fileSystem(_ action: String, _ path: String) -> MailDeliveryError {
        MailDeliveryError(kind: .transient, reason: "\(action) \(path): \(String(cString: strerror(errno)))")
    }
}
