/**
 * Platform beans every service on Liberty needs and nothing service-specific: schema migration at
 * start-up ({@code db}), the Kafka admin connection ({@code kafka}) and the health checks built on
 * them ({@code health}). Services depend on this package; it depends on no service.
 */
package dev.outboxref.platform;
