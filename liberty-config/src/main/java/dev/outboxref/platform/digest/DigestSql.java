package dev.outboxref.platform.digest;

/**
 * The SQL of the user digests, the same for the user service's users and the post service's replica
 * so that equal users give equal digests: a user's digest is the first 8 bytes of
 * MD5("id:version:name:nickname") as a signed 64-bit integer, a bucket's the count and the XOR of
 * its users' digests (the contract: shared-proto's user_directory.proto, DigestUsers). Each query
 * takes the prefix's lowest and highest id as parameters 1 and 2.
 */
public final class DigestSql {

  private DigestSql() {}

  /**
   * The live users of a table: {@code idColumn} its uuid key, {@code live} the condition of a live
   * (not deleted) row; the table has {@code version}, {@code name} and {@code nickname}.
   */
  public record Users(String table, String idColumn, String live) {

    /** Prefix, user count and digest of each non-empty bucket of {@code digits} hex digits. */
    public String buckets(int digits) {
      return "SELECT left(CAST("
          + idColumn
          + " AS text), "
          + digits
          + "), count(*), bit_xor("
          + rowDigest()
          + ")"
          + from()
          + " GROUP BY 1 ORDER BY 1";
    }

    /** Id (text), version and digest of each live user, in id order, at most {@code limit}. */
    public String users(int limit) {
      return "SELECT CAST("
          + idColumn
          + " AS text), version, "
          + rowDigest()
          + from()
          + " ORDER BY "
          + idColumn
          + " LIMIT "
          + limit;
    }

    private String rowDigest() {
      return "CAST(CAST('x' || left(md5(CAST("
          + idColumn
          + " AS text) || ':' || version || ':' || name || ':' || nickname), 16) AS bit(64))"
          + " AS bigint)";
    }

    private String from() {
      return " FROM "
          + table
          + " WHERE "
          + live
          + " AND "
          + idColumn
          + " BETWEEN CAST(?1 AS uuid) AND CAST(?2 AS uuid)";
    }
  }
}
