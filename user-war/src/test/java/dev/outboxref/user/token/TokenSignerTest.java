package dev.outboxref.user.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.outboxref.user.application.IssuedToken;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private final RSAPrivateCrtKey key = newKey();
  private final RSAPrivateCrtKey previous = newKey();

  @Test
  void aTokenNamesTheUserIssuerAudienceAndExpiresAfterItsLifetime() throws Exception {
    TokenSigner signer = signer(List.of());
    UUID user = UUID.randomUUID();
    IssuedToken issued = signer.issue(user, 3);
    assertEquals(900, issued.expiresInSeconds());

    SignedJWT jwt = SignedJWT.parse(issued.token());
    assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
    assertEquals(signer.keyId(), jwt.getHeader().getKeyID());
    assertTrue(jwt.verify(new RSASSAVerifier(PemKeys.publicKeyOf(key))));
    assertEquals(user.toString(), jwt.getJWTClaimsSet().getSubject());
    assertEquals("issuer", jwt.getJWTClaimsSet().getIssuer());
    assertEquals(List.of("audience"), jwt.getJWTClaimsSet().getAudience());
    assertEquals(NOW, jwt.getJWTClaimsSet().getIssueTime().toInstant());
    assertEquals(NOW.plusSeconds(900), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    assertEquals(3L, jwt.getJWTClaimsSet().getLongClaim(TokenSigner.CREDENTIAL_VERSION_CLAIM));
    assertFalse(issued.toString().contains(issued.token()), "toString hides the token");
  }

  @Test
  void theJwksPublishesTheSigningKeyFirstThenTheExtraOnesAndNoPrivatePart() {
    TokenSigner signer = signer(List.of(PemKeys.publicKeyOf(previous), PemKeys.publicKeyOf(key)));
    List<String> ids = signer.publicKeys().getKeys().stream().map(k -> k.getKeyID()).toList();
    assertEquals(2, ids.size(), "the signing key is published once: " + ids);
    assertEquals(signer.keyId(), ids.get(0));
    assertTrue(signer.publicKeys().getKeys().stream().noneMatch(k -> k.isPrivate()));
    assertFalse(signer.publicKeys().toString(true).contains("\"d\""));
    assertEquals(
        ((RSAKey) signer.publicKeys().getKeys().get(1)).getModulus().decodeToBigInteger(),
        PemKeys.publicKeyOf(previous).getModulus());
  }

  @Test
  void pemFilesAsOpensslWritesThemAreRead() {
    String privatePem = pem("PRIVATE KEY", key.getEncoded());
    assertEquals(key.getModulus(), PemKeys.privateKey(privatePem).getModulus());
    String publicPems =
        pem("PUBLIC KEY", PemKeys.publicKeyOf(key).getEncoded())
            + pem("PUBLIC KEY", PemKeys.publicKeyOf(previous).getEncoded());
    List<RSAPublicKey> keys = PemKeys.publicKeys(publicPems);
    assertEquals(2, keys.size());
    assertEquals(previous.getModulus(), keys.get(1).getModulus());
    assertThrows(IllegalArgumentException.class, () -> PemKeys.privateKey(publicPems));
  }

  private TokenSigner signer(List<RSAPublicKey> extra) {
    return new TokenSigner(
        key, extra, "issuer", "audience", Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static RSAPrivateCrtKey newKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
