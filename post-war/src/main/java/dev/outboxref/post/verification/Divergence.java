package dev.outboxref.post.verification;

import java.util.Objects;

/**
 * Whether the replica's row of one user differs from the source's answer, under the version rule:
 * the source is right unless the replica already has a newer version (the live stream got there
 * after the source answered), and at the same version the source's content is right (a row changed
 * by hand).
 */
public final class Divergence {

  /** A user's state on one side; {@code name} and {@code nickname} are null when deleted. */
  public record State(long version, boolean deleted, String name, String nickname) {}

  /** What the repair does to the replica's row. */
  public enum Action {
    /** Nothing: equal, or the replica is ahead. */
    NONE,
    /**
     * Write the source's state (a stale or changed row brought forward, a missing row restored).
     */
    APPLY,
    /** A live row of a user the source never had: a tombstone at its version. */
    TOMBSTONE
  }

  private Divergence() {}

  /**
   * @param source the source's state, null if the user never existed there
   * @param replica the replica's row, null if it has none
   */
  public static Action of(State source, State replica) {
    if (source == null) {
      return replica != null && !replica.deleted() ? Action.TOMBSTONE : Action.NONE;
    }
    if (replica == null) {
      return source.deleted() ? Action.NONE : Action.APPLY;
    }
    if (replica.version() != source.version()) {
      return replica.version() < source.version() ? Action.APPLY : Action.NONE;
    }
    boolean same =
        replica.deleted() == source.deleted()
            && Objects.equals(replica.name(), source.name())
            && Objects.equals(replica.nickname(), source.nickname());
    return same ? Action.NONE : Action.APPLY;
  }
}
