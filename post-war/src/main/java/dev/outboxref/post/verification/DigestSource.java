package dev.outboxref.post.verification;

import java.util.List;
import java.util.UUID;

/**
 * The live (not deleted) users of one side, as digests: the user service's directory or this
 * service's replica. A user's digest is the first 8 bytes of MD5("id:version:name:nickname"), a
 * bucket's the XOR of its users' digests; both sides compute them the same way in PostgreSQL.
 */
public interface DigestSource {

  /** The users whose ids start with {@code prefix} (lower-case hex). */
  record Bucket(String prefix, long users, long digest) {}

  /** One live user. */
  record Entry(UUID userId, long version, long digest) {}

  /**
   * The non-empty buckets of {@code digits} leading hex digits among the ids that start with {@code
   * prefix}, in prefix order.
   */
  List<Bucket> buckets(String prefix, int digits);

  /** The live users whose ids start with {@code prefix} (2 to 4 digits), in id order. */
  List<Entry> entries(String prefix);
}
