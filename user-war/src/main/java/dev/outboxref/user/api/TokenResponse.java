package dev.outboxref.user.api;

import dev.outboxref.user.application.IssuedToken;
import jakarta.json.bind.annotation.JsonbProperty;

/** The answer of a sign-in (RFC 6749's token response). */
public record TokenResponse(
    @JsonbProperty("access_token") String accessToken,
    @JsonbProperty("token_type") String tokenType,
    @JsonbProperty("expires_in") long expiresIn) {

  static TokenResponse of(IssuedToken token) {
    return new TokenResponse(token.token(), "Bearer", token.expiresInSeconds());
  }

  @Override
  public String toString() {
    return "TokenResponse[access_token=<hidden>, expires_in=" + expiresIn + "]";
  }
}
