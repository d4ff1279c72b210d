/**
 * The gRPC user directory ({@code outboxref.users.v1.UserDirectory}) the post service calls: users
 * and tombstones, never an email or a password. May use {@code domain} and the platform's {@code
 * digest} and {@code text}; no HTTP.
 */
package dev.outboxref.user.directory;
