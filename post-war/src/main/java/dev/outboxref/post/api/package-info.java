/**
 * The posts REST API (JAX-RS): requests, responses, ETags, problem+json, and the mapper that
 * answers the use cases' refusals ({@code PostRefusalMapper}). May use {@code application}, {@code
 * domain} and {@code replica} (the author shown with a post), and the platform's {@code rest},
 * {@code paging} and {@code text}.
 */
package dev.outboxref.post.api;
