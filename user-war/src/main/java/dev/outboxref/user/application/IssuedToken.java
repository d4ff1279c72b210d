package dev.outboxref.user.application;

/** A signed access token and how many seconds it is valid. Never logged. */
public record IssuedToken(String token, long expiresInSeconds) {

  @Override
  public String toString() {
    return "IssuedToken[token=<hidden>, expiresInSeconds=" + expiresInSeconds + "]";
  }
}
