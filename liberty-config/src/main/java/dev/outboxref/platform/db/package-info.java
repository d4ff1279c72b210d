/**
 * The service's schema: its Flyway migrations applied at start-up, as the service's own role. Uses
 * Flyway and the data source {@code jdbc/appdb}; no other platform package.
 */
package dev.outboxref.platform.db;
