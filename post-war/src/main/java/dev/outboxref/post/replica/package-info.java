/**
 * The replica of the user data: its entity ({@code ReplicaUser}), its reads ({@code
 * ReplicaReader}), its writes under the version rule ({@code ReplicaWriter} for single changes and
 * the bootstrap; {@code ReplicaBatchStore} for the consumer's batches with their positions, moved
 * by {@code PositionCheck} and read by {@code ReplicaOffsets}), the change itself ({@code
 * ReplicaChange}), what a {@code user-events} record means for it ({@code UserEventDecoder}, plain
 * Java; a record it cannot decode is a {@code PoisonEvent}), the bootstrap that fills it from the
 * user directory ({@code ReplicaBootstrap}), and the application's {@code AuthorReplica} over it
 * ({@code ReplicaAuthors}). Its subpackages feed it, {@code consumer} (the Kafka loop) and {@code
 * parking} (parked events and their replays); it uses neither of them. May use {@code application}
 * (the port it implements), {@code userdirectory} (the bootstrap's stream and its users), the
 * events' protobuf types and the platform's {@code text}; no HTTP.
 */
package dev.outboxref.post.replica;
