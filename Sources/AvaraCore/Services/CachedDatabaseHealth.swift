import Foundation
import Synchronization

/// ``DatabaseHealth`` that probes the database at most once per ``maxAge`` however often it is asked, and answers
/// every question from the last probe meanwhile.
///
/// A probe is a read and a write: asked by every load balancer of a replica every second, and by anyone else on
/// the internet, it would compete with the requests it reports on, and under a flood fail because of itself.
/// Questions that come while a probe runs wait for that probe instead of starting their own.
///
/// ```swift
/// let health = CachedDatabaseHealth(probing: SQLDatabaseHealth(store: store), clock: SystemClock())
/// let readiness = await health.readiness()   // one probe a second at most
/// ```
package final class CachedDatabaseHealth: DatabaseHealth {
    private struct State {
        var last: (readiness: Readiness, at: Date)?
        var probe: Task<Readiness, Never>?
    }

    private enum Answer {
        case known(Readiness)
        case probing(Task<Readiness, Never>)
    }

    private let probing: any DatabaseHealth
    private let clock: any ServiceClock
    /// How long a probe's result answers questions.
    package let maxAge: TimeInterval
    private let state = Mutex(State())

    package init(probing: any DatabaseHealth, maxAge: TimeInterval = 1, clock: any ServiceClock) {
        self.probing = probing
        self.maxAge = maxAge
        self.clock = clock
    }

    package func readiness() async -> Readiness {
        let now = clock.now()
        let answer: Answer = state.withLock { state in
            if let last = state.last, last.at <= now, now.timeIntervalSince(last.at) < maxAge {
                return .known(last.readiness)
            }
            if let probe = state.probe { return .probing(probe) }
            let probe = Task { [self] in
                let readiness = await probing.readiness()
                let probed = clock.now()
                self.state.withLock {
                    $0.last = (readiness, probed)
                    $0.probe = nil
                }
                return readiness
            }
            state.probe = probe
            return .probing(probe)
        }
        switch answer {
        case .known(let readiness): return readiness
        case .probing(let probe): return await probe.value
        }
    }
}
