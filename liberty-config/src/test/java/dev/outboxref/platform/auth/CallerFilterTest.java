package dev.outboxref.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class CallerFilterTest {

  @Test
  void theCredentialVersionClaimIsReadAsMicroProfileJwtGivesIt() {
    assertEquals(3, CallerFilter.credentialVersion(Json.createValue(3L)));
    assertEquals(4, CallerFilter.credentialVersion(4L));
    assertEquals(5, CallerFilter.credentialVersion(5));
  }

  @Test
  void aTokenWithoutTheClaimCountsAsTheFirstCredentialVersion() {
    assertEquals(1, CallerFilter.credentialVersion(null));
    assertEquals(1, CallerFilter.credentialVersion("2"));
  }
}
