/// The delivery of one kind of outbox message other than mail (webhooks): the outbox worker claims the kind's due
/// messages in its own lane and hands them over; the channel records each outcome as soon as it knows it (delivered,
/// retried later, given up), so that a pass cut short never delivers a message twice in the normal case.
package protocol OutboxChannel: Sendable {
    /// The messages it delivers.
    var kind: OutboxKind { get }
    /// How many messages a pass claims at most.
    var batchSize: Int { get }
    /// Delivers `messages`, recording each outcome; errors are recorded on the messages, never thrown.
    func deliver(_ messages: [DueMessage]) async
}
