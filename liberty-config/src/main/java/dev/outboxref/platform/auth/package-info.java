/**
 * Who is calling: the signed-in user of a request, taken from the bearer token Liberty's mpJwt
 * feature validated ({@link dev.outboxref.platform.auth.Caller}), and refused when the service
 * knows the token was revoked: its user deleted, or their password changed since it was issued
 * ({@link dev.outboxref.platform.revocation.TokenRevocations}). Uses JAX-RS and MicroProfile JWT
 * only; what a caller may do is each service's business.
 */
package dev.outboxref.platform.auth;
