/**
 * The REST edge both APIs share: problem+json for every error (the application's, the runtime's,
 * the web container's, a stale version's 412), strict JSON bodies, the request size limit, page
 * parameters and If-Match. Uses JAX-RS, JSON-B/JSON-P, {@code text}, {@code paging} and {@code
 * versioning}; only a service's REST packages use it.
 */
package dev.outboxref.platform.rest;
