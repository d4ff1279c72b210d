/**
 * The users REST API (JAX-RS): requests, responses, ETags, problem+json. May use {@code
 * application} and {@code domain}, and the platform's {@code rest} and {@code text}.
 */
package dev.outboxref.user.api;
