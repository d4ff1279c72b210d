package dev.outboxref.post.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VerifierTest {

  /** One side in memory, with the same bucketing as the SQL of both services. */
  static final class InMemory implements DigestSource {
    final TreeMap<UUID, Entry> users =
        new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    final List<String> reads = new ArrayList<>();

    void put(UUID id, long version, long digest) {
      users.put(id, new Entry(id, version, digest));
    }

    @Override
    public List<Bucket> buckets(String prefix, int digits) {
      reads.add("buckets " + prefix + "/" + digits);
      Map<String, List<Entry>> grouped =
          users.values().stream()
              .filter(e -> e.userId().toString().startsWith(prefix))
              .collect(
                  Collectors.groupingBy(
                      e -> e.userId().toString().substring(0, digits),
                      TreeMap::new,
                      Collectors.toList()));
      return grouped.entrySet().stream()
          .map(
              g ->
                  new Bucket(
                      g.getKey(),
                      g.getValue().size(),
                      g.getValue().stream().mapToLong(Entry::digest).reduce(0, (a, b) -> a ^ b)))
          .toList();
    }

    @Override
    public List<Entry> entries(String prefix) {
      reads.add("entries " + prefix);
      return users.values().stream().filter(e -> e.userId().toString().startsWith(prefix)).toList();
    }
  }

  private final Random random = new Random(42);
  private final InMemory source = new InMemory();
  private final InMemory replica = new InMemory();

  private void sameUsersOnBothSides(int count) {
    for (int i = 0; i < count; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      long digest = random.nextLong();
      source.put(id, 1, digest);
      replica.put(id, 1, digest);
    }
  }

  private Verifier.Search search(int listUpTo) {
    return new Verifier(source, replica, listUpTo, () -> {}).search();
  }

  @Test
  void equalSidesReadOnlyTheTopBuckets() {
    sameUsersOnBothSides(5_000);
    Verifier.Search search = search(2_000);
    assertEquals(Set.of(), search.candidates());
    assertEquals(List.of("buckets /2"), source.reads);
    assertEquals(0, search.usersRead());
  }

  @Test
  void findsAStaleAMissingAChangedAndAGhostRowAndNothingElse() {
    sameUsersOnBothSides(5_000);
    List<UUID> ids = new ArrayList<>(source.users.keySet());
    UUID stale = ids.get(10);
    UUID missing = ids.get(2_000);
    UUID changed = ids.get(4_000);
    UUID ghost = new UUID(random.nextLong(), random.nextLong());
    replica.put(stale, 0, random.nextLong());
    replica.users.remove(missing);
    replica.put(changed, 1, random.nextLong());
    replica.put(ghost, 3, random.nextLong());

    assertEquals(Set.of(stale, missing, changed, ghost), search(2_000).candidates());
  }

  @Test
  void aLargeDifferingBucketIsComparedThroughItsSubBuckets() {
    sameUsersOnBothSides(5_000);
    UUID stale = source.users.firstKey();
    replica.put(stale, 0, random.nextLong());

    Verifier.Search search = search(5);

    assertEquals(Set.of(stale), search.candidates());
    String top = stale.toString().substring(0, 2);
    String sub = stale.toString().substring(0, 4);
    assertEquals(List.of("buckets /2", "buckets " + top + "/4", "entries " + sub), source.reads);
    assertTrue(search.usersRead() < 10, "read " + search.usersRead() + " users");
  }

  @Test
  void anEmptySideDiffersEverywhere() {
    sameUsersOnBothSides(300);
    replica.users.clear();
    assertEquals(source.users.keySet(), search(2_000).candidates());
  }
}
