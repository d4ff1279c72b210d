/**
 * Who is calling: the signed-in user of a request, taken from the bearer token Liberty's mpJwt
 * feature validated ({@link dev.outboxref.platform.auth.Caller}), and refused when the service
 * knows that user as deleted ({@link dev.outboxref.platform.auth.DeletedUsers}). Uses JAX-RS and
 * MicroProfile JWT only; what a caller may do is each service's business.
 */
package dev.outboxref.platform.auth;
