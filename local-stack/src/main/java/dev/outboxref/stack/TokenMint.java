package dev.outboxref.stack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens signed like the user service signs them, without its sign-in: for load generators
 * (the bench writes as thousands of users it seeded straight into the database) and for tests that
 * try what an attacker would (an expired token, another key, another issuer). The claims are the
 * user service's defaults (docs/security.md).
 */
public final class TokenMint {

  public static final String ISSUER = "outboxref-user-service";
  public static final String AUDIENCE = "outboxref-api";

  private TokenMint() {}

  /** The claims the user service puts into a token for {@code userId}, valid from now. */
  public static JWTClaimsSet.Builder claims(String userId) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(userId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
        .jwtID(UUID.randomUUID().toString());
  }

  /** A valid token for {@code userId}, signed with the stack's key. */
  public static String forUser(Stack stack, String userId) {
    return sign(stackKey(stack), claims(userId).build());
  }

  /**
   * Signed with {@code key}, its key id (RFC 7638 thumbprint) in the header as the service does.
   */
  public static String sign(RSAPrivateCrtKey key, JWTClaimsSet claims) {
    return sign(key, keyId(key), claims);
  }

  public static String sign(RSAPrivateCrtKey key, String keyId, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  public static String keyId(RSAPrivateCrtKey key) {
    try {
      RSAPublicKey publicKey =
          (RSAPublicKey)
              KeyFactory.getInstance("RSA")
                  .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return new RSAKey.Builder(publicKey).keyIDFromThumbprint().build().getKeyID();
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key the stack's user service signs with ({@code jwt/signing-key.pem}). */
  public static RSAPrivateCrtKey stackKey(Stack stack) {
    try {
      String pem = Files.readString(stack.tokenSigningKey());
      String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new RSA key nobody trusts. */
  public static RSAPrivateCrtKey otherKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
