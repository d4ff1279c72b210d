/**
 * The REST edge both APIs share: problem+json for every error (the application's, the runtime's,
 * the web container's), strict JSON bodies, the request size limit, page parameters and If-Match.
 * Uses JAX-RS, JSON-B/JSON-P and {@code text}; only a service's REST packages use it.
 */
package dev.outboxref.platform.rest;
