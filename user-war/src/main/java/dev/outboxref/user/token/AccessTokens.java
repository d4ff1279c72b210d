package dev.outboxref.user.token;

import com.nimbusds.jose.jwk.JWKSet;
import dev.outboxref.user.application.IssuedToken;
import dev.outboxref.user.application.TokenIssuer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured {@link TokenSigner}: keys read once at start-up from the files MicroProfile Config
 * names. Without a signing key, sign-in is off and the JWKS is empty (never an unsigned token).
 */
@ApplicationScoped
public class AccessTokens implements TokenIssuer {

  private static final Logger LOG = Logger.getLogger(AccessTokens.class.getName());

  @Inject
  @ConfigProperty(name = "auth.token.signing-key")
  Optional<String> signingKeyFile;

  @Inject
  @ConfigProperty(name = "auth.token.extra-public-keys")
  Optional<String> extraPublicKeysFile;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  String issuer;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.audiences")
  List<String> audiences;

  @Inject
  @ConfigProperty(name = "auth.token.lifetime-seconds", defaultValue = "900")
  long lifetimeSeconds;

  private TokenSigner signer;

  @PostConstruct
  void init() {
    if (signingKeyFile.isEmpty() || signingKeyFile.get().isBlank()) {
      LOG.warning("No auth.token.signing-key (AUTH_TOKEN_SIGNING_KEY) is set: sign-in is off.");
      return;
    }
    signer =
        new TokenSigner(
            PemKeys.privateKey(read(signingKeyFile.get())),
            extraPublicKeysFile
                .filter(f -> !f.isBlank())
                .map(f -> PemKeys.publicKeys(read(f)))
                .orElse(List.of()),
            issuer,
            audiences.get(0),
            Duration.ofSeconds(lifetimeSeconds),
            Clock.systemUTC());
    LOG.info(
        () ->
            "Access tokens signed with key "
                + signer.keyId()
                + "; the JWKS publishes "
                + signer.publicKeys().getKeys().size()
                + " key(s)");
  }

  @Override
  public Optional<IssuedToken> issue(UUID userId, long credentialVersion) {
    return Optional.ofNullable(signer).map(s -> s.issue(userId, credentialVersion));
  }

  public JWKSet publicKeys() {
    return signer == null ? new JWKSet() : signer.publicKeys();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }
}
