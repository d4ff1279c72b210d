package dev.outboxref.user.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user as stored in userdb. State changes only through methods (docs/liberty-notes.md, JPA), and
 * every published change (profile, deletion) raises the per-user {@code version} by exactly one and
 * is returned as a {@link UserChange}, which its event carries. A password change is published too
 * (without the password): it raises the credential version, which voids the tokens issued before.
 */
@Entity
@Table(name = "users")
public class User {

  @Id private UUID id;

  private String email;

  private String name;

  private String nickname;

  @Column(name = "password_hash")
  private String passwordHash;

  @Column(nullable = false)
  private long version;

  /** 1 at registration, +1 per password change; a token names the one it was issued for. */
  @Column(name = "credential_version", nullable = false)
  private long credentialVersion;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  /** Set when the user was deleted; the row stays as a tombstone without personal data. */
  @Column(name = "deleted_at")
  private OffsetDateTime deletedAt;

  protected User() {}

  /** A new user and the change that registered it. */
  public record Registration(User user, UserChange.Registered change) {}

  /** A new user at version 1. */
  public static Registration register(
      String email, String name, String nickname, String passwordHash, Instant now) {
    User user = new User();
    user.id = UUID.randomUUID();
    user.email = email;
    user.name = name;
    user.nickname = nickname;
    user.passwordHash = passwordHash;
    user.version = 1;
    user.credentialVersion = 1;
    user.createdAt = utc(now);
    user.updatedAt = utc(now);
    return new Registration(
        user, new UserChange.Registered(user.id, user.version, 1, now, name, nickname));
  }

  /**
   * Changes name and/or nickname (null keeps the current value).
   *
   * @return the change; empty if nothing changed (an unchanged profile keeps its version and raises
   *     no event)
   */
  public Optional<UserChange.ProfileChanged> changeProfile(
      String newName, String newNickname, Instant now) {
    String name = newName != null ? newName : this.name;
    String nickname = newNickname != null ? newNickname : this.nickname;
    if (Objects.equals(name, this.name) && Objects.equals(nickname, this.nickname)) {
      return Optional.empty();
    }
    this.name = name;
    this.nickname = nickname;
    this.version++;
    this.updatedAt = utc(now);
    return Optional.of(
        new UserChange.ProfileChanged(id, version, credentialVersion, now, name, nickname));
  }

  /**
   * A new password hash, and the next credential version: every token issued before is void. A
   * published change (the next version), so other services learn that those tokens are void.
   */
  public UserChange.CredentialsChanged changePassword(String newPasswordHash, Instant now) {
    this.passwordHash = newPasswordHash;
    this.credentialVersion++;
    this.version++;
    this.updatedAt = utc(now);
    return new UserChange.CredentialsChanged(id, version, credentialVersion, now, name, nickname);
  }

  /**
   * Deletes the user: the next version, and nothing personal kept (email, names, password hash).
   */
  public UserChange.Deleted delete(Instant now) {
    this.email = null;
    this.name = null;
    this.nickname = null;
    this.passwordHash = null;
    this.version++;
    this.updatedAt = utc(now);
    this.deletedAt = utc(now);
    return new UserChange.Deleted(id, version, credentialVersion, now);
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public UUID id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String name() {
    return name;
  }

  public String nickname() {
    return nickname;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public long version() {
    return version;
  }

  public long credentialVersion() {
    return credentialVersion;
  }

  /** Whether a token issued for this credential version is void (an older one). */
  public boolean voids(long tokenCredentialVersion) {
    return tokenCredentialVersion < credentialVersion;
  }

  public Instant createdAt() {
    return createdAt == null ? null : createdAt.toInstant();
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant();
  }

  /**
   * JPA 3.1 maps OffsetDateTime (not Instant) to timestamptz; the API of this class speaks Instant.
   */
  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
