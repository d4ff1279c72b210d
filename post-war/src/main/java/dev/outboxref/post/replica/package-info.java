/**
 * The replica of the user data: its entity ({@code ReplicaUser}), its reads ({@code
 * ReplicaReader}), its writes under the version rule ({@code ReplicaWriter} for single changes and
 * the bootstrap, {@code ReplicaBatchStore} for the consumer's batches with their positions, checked
 * by {@code PositionCheck}), the change itself ({@code ReplicaChange}) and the bootstrap that fills
 * it from the user directory ({@code ReplicaBootstrap}). Its subpackages feed it: {@code consumer}
 * (the Kafka loop) and {@code parking} (parked events and their replays); it uses neither of them.
 * May use {@code userdirectory} (the bootstrap's stream and its users); no HTTP.
 */
package dev.outboxref.post.replica;
