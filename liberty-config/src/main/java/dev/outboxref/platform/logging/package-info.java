/**
 * Trace and span ids in the JSON log lines written inside a span. Uses Liberty's log API and
 * OpenTelemetry; no other platform package.
 */
package dev.outboxref.platform.logging;
