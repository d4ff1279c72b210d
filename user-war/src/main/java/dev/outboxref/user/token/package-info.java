/**
 * Access tokens: the signing key and the published public keys (JWKS), and the signed JWTs sign-in
 * hands out ({@code AccessTokens} is the application's {@code TokenIssuer}). Uses Nimbus JOSE+JWT
 * and MicroProfile Config, and of {@code application} only that interface and its {@code
 * IssuedToken}; knows nothing of users but their id.
 */
package dev.outboxref.user.token;
