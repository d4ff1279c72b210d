/**
 * The user digests both services compute for the replica's verification: the id prefixes that
 * bucket them ({@code IdPrefix}) and their SQL ({@code DigestSql}), one definition for both sides.
 * Plain Java; no other platform package.
 */
package dev.outboxref.platform.digest;
