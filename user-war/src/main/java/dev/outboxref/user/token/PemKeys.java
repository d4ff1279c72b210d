package dev.outboxref.user.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys in the PEM files {@code openssl} writes: a private key as PKCS#8 ({@code BEGIN PRIVATE
 * KEY}), public keys as X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}).
 */
final class PemKeys {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemKeys() {}

  static RSAPrivateCrtKey privateKey(String pem) {
    List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
    if (blocks.size() != 1) {
      throw new IllegalArgumentException(
          "expected one 'BEGIN PRIVATE KEY' block (PKCS#8), found " + blocks.size());
    }
    try {
      if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)))
          instanceof RSAPrivateCrtKey key) {
        return key;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an RSA private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("an RSA private key without its public part (CRT values)");
  }

  static List<RSAPublicKey> publicKeys(String pem) {
    List<RSAPublicKey> keys = new ArrayList<>();
    for (byte[] der : blocks(pem, "PUBLIC KEY")) {
      try {
        keys.add(
            (RSAPublicKey)
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
      } catch (GeneralSecurityException | ClassCastException e) {
        throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
      }
    }
    return keys;
  }

  static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<byte[]> blocks(String pem, String type) {
    List<byte[]> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
      }
    }
    return blocks;
  }
}
