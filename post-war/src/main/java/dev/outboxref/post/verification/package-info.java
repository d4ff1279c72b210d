/**
 * Verification of the replica against the user service: digests of both sides compared bucket by
 * bucket ({@link dev.outboxref.post.verification.Verifier}), the users that differ confirmed and
 * repaired under the version rule ({@link dev.outboxref.post.verification.ReplicaRepair}), one
 * instance at a time ({@link dev.outboxref.post.verification.VerificationLedger}), on a schedule
 * and paced. Uses {@code replica} (its reads and writer) and {@code userdirectory} (the gRPC
 * client); used by {@code admin}. No HTTP.
 */
package dev.outboxref.post.verification;
