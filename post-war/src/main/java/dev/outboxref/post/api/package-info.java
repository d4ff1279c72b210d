/**
 * The posts REST API (JAX-RS): requests, responses, ETags, problem+json, and the mapper that
 * answers the use cases' refusals ({@code PostRefusalMapper}). May use {@code application} (its
 * {@code Author} is shown with a post) and {@code domain}, and the platform's {@code rest}, {@code
 * paging} and {@code text}; never {@code replica} or {@code userdirectory}.
 */
package dev.outboxref.post.api;
