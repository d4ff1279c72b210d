/**
 * The replica of the user data: its entity ({@code ReplicaUser}), its reads ({@code
 * ReplicaReader}), its writes under the version rule ({@code ReplicaWriter}, {@code
 * ReplicaBatchStore}), the application's {@code AuthorReplica} over them ({@code ReplicaAuthors}),
 * the Kafka consumer that feeds it, the parking lot, the bootstrap, and their health and metrics.
 * The consumer's decisions ({@code BatchPlan}, {@code BatchApplier}, {@code FailureKind}, {@code
 * UserEventDecoder}) are plain Java. May use {@code userdirectory} (the bootstrap's stream), {@code
 * application} (the port it implements) and the platform's {@code kafka}, {@code retry} and {@code
 * text}; no HTTP.
 */
package dev.outboxref.post.replica;
