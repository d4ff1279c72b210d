/**
 * Reads Prometheus' texts: {@link dev.outboxref.prometheus.Exposition}, a /metrics page in the text
 * exposition format, and {@link dev.outboxref.prometheus.PromQl}, the metric selectors of a query.
 * Depends on nothing but the JDK, so every tool module may use it.
 */
package dev.outboxref.prometheus;
