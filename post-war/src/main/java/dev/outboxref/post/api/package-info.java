/**
 * The posts REST API (JAX-RS): requests, responses, ETags, problem+json. May use {@code
 * application}, {@code domain} and {@code replica} (the author shown with a post), and the
 * platform's {@code rest} and {@code text}.
 */
package dev.outboxref.post.api;
