package dev.outboxref.post.replica;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * The post service's copy of a user, as far as posts need it. Read through {@link ReplicaReader};
 * written only with SQL ({@link ReplicaWriter}, {@link ReplicaBatchStore}), which applies a change
 * only if its version is newer.
 */
@Entity
@Table(name = "user_replica")
public class ReplicaUser {

  @Id
  @Column(name = "user_id")
  private UUID userId;

  private String name;

  private String nickname;

  @Column(nullable = false)
  private long version;

  @Column(name = "credential_version", nullable = false)
  private long credentialVersion;

  @Column(nullable = false)
  private boolean deleted;

  protected ReplicaUser() {}

  public UUID userId() {
    return userId;
  }

  /** Null for a deleted user. */
  public String name() {
    return name;
  }

  /** Null for a deleted user. */
  public String nickname() {
    return nickname;
  }

  public long version() {
    return version;
  }

  /** The user's credential version (0 if only events from before it were applied). */
  public long credentialVersion() {
    return credentialVersion;
  }

  public boolean deleted() {
    return deleted;
  }
}
