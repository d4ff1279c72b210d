package dev.outboxref.user.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.outboxref.user.application.IssuedToken;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Signs access tokens (RS256) for a user: {@code sub} = the user id, issuer and audience as
 * configured, short-lived, with a fresh {@code jti} and the user's credential version as {@code cv}
 * (a service that knows a newer one refuses the token). The key id is the key's RFC 7638
 * thumbprint, so the same key always has the same id and no id needs configuring.
 */
public final class TokenSigner {

  private final RSAKey signingKey;
  private final JWKSet publicKeys;
  private final String issuer;
  private final String audience;
  private final Duration lifetime;
  private final Clock clock;

  TokenSigner(
      RSAPrivateCrtKey privateKey,
      List<RSAPublicKey> extraPublicKeys,
      String issuer,
      String audience,
      Duration lifetime,
      Clock clock) {
    this.signingKey = jwk(PemKeys.publicKeyOf(privateKey)).privateKey(privateKey).build();
    List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
    published.add(signingKey.toPublicJWK());
    for (RSAPublicKey key : extraPublicKeys) {
      RSAKey extra = jwk(key).build();
      if (!extra.getKeyID().equals(signingKey.getKeyID())) {
        published.add(extra);
      }
    }
    this.publicKeys = new JWKSet(published);
    this.issuer = issuer;
    this.audience = audience;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** The claim naming the credential version a token was issued for. */
  public static final String CREDENTIAL_VERSION_CLAIM = "cv";

  public IssuedToken issue(UUID userId, long credentialVersion) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(userId.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(UUID.randomUUID().toString())
            .claim(CREDENTIAL_VERSION_CLAIM, credentialVersion)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token: " + e.getMessage(), e);
    }
    return new IssuedToken(jwt.serialize(), lifetime.toSeconds());
  }

  /** The public keys a validator needs: the signing key's first, then the extra ones. */
  public JWKSet publicKeys() {
    return publicKeys;
  }

  String keyId() {
    return signingKey.getKeyID();
  }

  private static RSAKey.Builder jwk(RSAPublicKey key) {
    try {
      return new RSAKey.Builder(key)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
