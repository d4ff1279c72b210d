/**
 * Access tokens: the signing key and the published public keys (JWKS), and the signed JWTs sign-in
 * hands out. Uses Nimbus JOSE+JWT and MicroProfile Config; knows nothing of users but their id.
 */
package dev.outboxref.user.token;
