/**
 * The users REST API (JAX-RS): requests, responses, ETags, problem+json, and the mapper that
 * answers the use cases' refusals ({@code UserRefusalMapper}). May use {@code application} and
 * {@code domain}, and the platform's {@code rest}, {@code paging} and {@code text}.
 */
package dev.outboxref.user.api;
