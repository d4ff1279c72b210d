package dev.outboxref.post.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Finds the users on which the replica may differ from the source, reading as little as it can: the
 * digests of 256 buckets (the ids' first 2 hex digits) from both sides; for each bucket that
 * differs, its users' digests if it is small, else the digests of its 256 sub-buckets (4 digits)
 * and the users of those that differ. Equal buckets are not read further. The result is the users
 * whose version or digest differ, or who are live on one side only; {@link Repair} confirms and
 * repairs them.
 */
public final class Verifier {

  static final int TOP_DIGITS = 2;
  static final int SUB_DIGITS = 4;

  /** What a search read: to report and to pace by. */
  public record Search(Set<UUID> candidates, int bucketsRead, int usersRead) {}

  private final DigestSource source;
  private final DigestSource replica;
  private final int listUpTo;
  private final Runnable betweenSteps;
  private int bucketsRead;
  private int usersRead;

  /**
   * @param listUpTo a differing bucket with at most this many users on either side is compared user
   *     by user; a larger one through its sub-buckets
   * @param betweenSteps run after each read of both sides (pacing)
   */
  public Verifier(DigestSource source, DigestSource replica, int listUpTo, Runnable betweenSteps) {
    this.source = source;
    this.replica = replica;
    this.listUpTo = listUpTo;
    this.betweenSteps = betweenSteps;
  }

  /** One search; not thread-safe (a pass makes its own verifier). */
  public Search search() {
    bucketsRead = 0;
    usersRead = 0;
    Set<UUID> candidates = new TreeSet<>();
    for (Differing top : differing("", TOP_DIGITS)) {
      List<String> prefixes =
          top.largest() <= listUpTo
              ? List.of(top.prefix())
              : differing(top.prefix(), SUB_DIGITS).stream().map(Differing::prefix).toList();
      for (String prefix : prefixes) {
        compareUsers(prefix, candidates);
      }
    }
    return new Search(candidates, bucketsRead, usersRead);
  }

  private record Differing(String prefix, long largest) {}

  private List<Differing> differing(String prefix, int digits) {
    Map<String, DigestSource.Bucket> ours = byPrefix(replica.buckets(prefix, digits));
    List<DigestSource.Bucket> theirs = source.buckets(prefix, digits);
    bucketsRead += ours.size() + theirs.size();
    betweenSteps.run();
    List<Differing> differing = new ArrayList<>();
    for (DigestSource.Bucket bucket : theirs) {
      DigestSource.Bucket mine = ours.remove(bucket.prefix());
      if (!bucket.equals(mine)) {
        long largest = Math.max(bucket.users(), mine == null ? 0 : mine.users());
        differing.add(new Differing(bucket.prefix(), largest));
      }
    }
    ours.values().forEach(only -> differing.add(new Differing(only.prefix(), only.users())));
    return differing;
  }

  private void compareUsers(String prefix, Set<UUID> candidates) {
    Map<UUID, DigestSource.Entry> ours = new HashMap<>();
    replica.entries(prefix).forEach(entry -> ours.put(entry.userId(), entry));
    List<DigestSource.Entry> theirs = source.entries(prefix);
    usersRead += ours.size() + theirs.size();
    betweenSteps.run();
    for (DigestSource.Entry entry : theirs) {
      if (!Objects.equals(entry, ours.remove(entry.userId()))) {
        candidates.add(entry.userId());
      }
    }
    candidates.addAll(ours.keySet());
  }

  private static Map<String, DigestSource.Bucket> byPrefix(List<DigestSource.Bucket> buckets) {
    Map<String, DigestSource.Bucket> map = new HashMap<>();
    buckets.forEach(bucket -> map.put(bucket.prefix(), bucket));
    return map;
  }
}
