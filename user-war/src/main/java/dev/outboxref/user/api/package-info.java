/**
 * The users REST API (JAX-RS): requests, responses, ETags, problem+json, and the mappers that
 * answer the use cases' refusals ({@code UserExceptionMapper}, {@code SignInExceptionMapper}). May
 * use {@code application} and {@code domain}, and the platform's {@code rest}, {@code paging} and
 * {@code text}.
 */
package dev.outboxref.user.api;
