/**
 * What every service on Liberty needs and nothing service-specific: schema migration at start-up
 * ({@code db}), the Kafka client settings and admin connection ({@code kafka}), the health checks
 * built on them ({@code health}), problem+json and request parsing ({@code rest}), text rules and
 * ids ({@code text}), pages ({@code paging}), optimistic locking by version ({@code versioning}),
 * backoff ({@code retry}) and trace ids in log lines ({@code logging}), the signed-in caller of a
 * request ({@code auth}) and the tokens a service knows to be void ({@code revocation}).
 *
 * <p>Services depend on these packages; they depend on no service. Within the platform only {@code
 * health} uses {@code db} and {@code kafka}, only {@code rest} uses {@code text}, {@code paging}
 * and {@code versioning}, and only {@code auth} (the signed-in caller of a request) uses {@code
 * rest} and {@code revocation}; {@code PlatformArchitectureTest} checks it.
 */
package dev.outboxref.platform;
