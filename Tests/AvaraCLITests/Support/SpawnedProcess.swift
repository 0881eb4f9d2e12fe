import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`, standing in for Foundation's `Process`, whose `run()` on Linux
/// (swift-corelibs-foundation with Swift 6.3.1) crashes now and then: it reads `/proc/self/fd` entries past their end
/// (swiftlang/swift-corelibs-foundation#5472), likelier the more descriptors the test process holds. It also changes
/// the whole test process's working directory while it spawns; here the child alone changes its own.
final class SpawnedProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// The exit status once the child has been reaped: its exit code, or the signal that ended it.
    private let exit = Mutex<Int32?>(nil)

    /// Starts `executable arguments…` in `directory` with exactly `environment`, its standard output and error
    /// written to `stdout` and `stderr`, its standard input `/dev/null`, and no other descriptor of ours inherited.
    init(
        executable: String, arguments: [String], directory: String, environment: [String: String],
        stdout: FileHandle, stderr: FileHandle
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.fileDescriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.fileDescriptor, 2)
        guard let addCloseFrom = Self.addCloseFrom, let addChdir = Self.addChdir else {
            throw POSIXError(.ENOSYS)  // glibc older than 2.34
        }
        guard addCloseFrom(&actions, 3) == 0, addChdir(&actions, directory) == 0 else { throw POSIXError(.EINVAL) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Signals as a fresh process has them, whatever the test process blocked or ignored.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL)
        }
        pid = child
    }

    /// glibc's (2.34) `posix_spawn_file_actions_addclosefrom_np` and (2.29) `…_addchdir_np`, which Swift's Glibc
    /// module leaves out (they are behind `_GNU_SOURCE`-only declarations): looked up once by name.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addCloseFrom = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"
    )
    .map { unsafeBitCast($0, to: AddCloseFrom.self) }
    private static let addChdir = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }

    /// Whether the child still runs; reaps it once it has ended.
    var isRunning: Bool {
        exit.withLock { exit in
            guard exit == nil else { return false }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return true }
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
            exit = status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
            return false
        }
    }

    /// The exit code, or the signal that ended the child; nil while it runs.
    var terminationStatus: Int32? {
        _ = isRunning
        return exit.withLock { $0 }
    }

    /// Sends `signal` to the child unless it has been reaped.
    func signal(_ signal: Int32) {
        exit.withLock { exit in
            if exit == nil { _ = kill(pid, signal) }
        }
    }
}
