package dev.outboxref.user.application;

import dev.outboxref.platform.paging.Cursor;
import dev.outboxref.platform.paging.CursorPage;
import dev.outboxref.platform.paging.CursorRequest;
import dev.outboxref.platform.versioning.StaleVersion;
import dev.outboxref.user.domain.User;
import dev.outboxref.user.domain.UserChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The user service's use cases. Each is one JTA transaction that changes the user and appends the
 * change the user returns to the outbox: both are committed, or neither is. Writes lock the user
 * row, so concurrent changes of one user are serialised and get consecutive versions. Refusals are
 * {@link UserRefusal}s and {@link StaleVersion}; the REST edge answers them. Only the user themself
 * may change or delete a user ({@link #requireSelf}).
 */
@ApplicationScoped
public class UserService {

  private static final Logger LOG = Logger.getLogger(UserService.class.getName());

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @Inject EventOutbox outbox;

  /** Registers a user with this password hash ({@link Registration} hashes, under its limits). */
  @Transactional
  public User register(String email, String name, String nickname, String passwordHash) {
    if (findByEmail(email).isPresent()) {
      throw UserRefusal.emailTaken();
    }
    User.Registration registration =
        User.register(email, name, nickname, passwordHash, Instant.now());
    User user = registration.user();
    em.persist(user);
    try {
      em.flush(); // a concurrent registration of the same email fails here, on the unique index
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw UserRefusal.emailTaken();
      }
      throw e;
    }
    outbox.append(registration.change());
    LOG.info(() -> "User " + user.id() + " registered (version 1)");
    return user;
  }

  /**
   * Changes the caller's own name and/or nickname. The expected version is read only once the
   * caller is known to be the user, so another user is refused whatever their If-Match says.
   */
  @Transactional
  public User changeProfile(
      UUID caller, UUID id, Supplier<OptionalLong> expectedVersion, String name, String nickname) {
    requireSelf(caller, id);
    User user = lockedUser(id, expectedVersion.get());
    Optional<UserChange.ProfileChanged> change = user.changeProfile(name, nickname, Instant.now());
    change.ifPresent(
        changed -> {
          outbox.append(changed);
          // FINE, not INFO: a line per profile change was a twentieth of a PATCH's CPU (two
          // synchronous writes, console and messages.log); the trace and the event record it
          LOG.fine(() -> "User " + id + " changed profile (version " + changed.version() + ")");
        });
    return user;
  }

  /**
   * Deletes the user; {@link SignIn#deleteAccount} checked that the caller is the user and knows
   * the current password.
   */
  @Transactional
  public void delete(UUID id, OptionalLong expectedVersion) {
    UserChange.Deleted deleted = lockedUser(id, expectedVersion).delete(Instant.now());
    outbox.append(deleted);
    LOG.info(() -> "User " + id + " deleted (version " + deleted.version() + ")");
  }

  /**
   * Stores a new password hash and publishes the next credential version (never the password or its
   * hash): the user's earlier tokens are refused here at once, and by other services once the event
   * reaches them.
   */
  @Transactional
  public void changePassword(UUID id, String newPasswordHash) {
    UserChange.CredentialsChanged changed =
        lockedUser(id, OptionalLong.empty()).changePassword(newPasswordHash, Instant.now());
    outbox.append(changed);
    LOG.info(
        () ->
            "User "
                + id
                + " changed password (version "
                + changed.version()
                + ", credential version "
                + changed.credentialVersion()
                + ")");
  }

  /**
   * The credential version of the live user, read from the database (not a cache another instance
   * may not have refreshed); empty if there is no live user with this id.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public OptionalLong liveCredentialVersion(UUID id) {
    List<?> rows =
        em.createNativeQuery(
                "SELECT credential_version FROM users WHERE id = ?1 AND deleted_at IS NULL")
            .setParameter(1, id)
            .getResultList();
    return rows.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(((Number) rows.get(0)).longValue());
  }

  /** The live user with this email (any case), if any. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<User> findByEmail(String email) {
    return em.createQuery(
            "SELECT u FROM User u WHERE LOWER(u.email) = LOWER(:email) AND u.deletedAt IS NULL",
            User.class)
        .setParameter("email", email.trim())
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }

  /**
   * The live user, if any. Empty rather than {@link UserRefusal#notFound} thrown from here: an
   * exception out of a transactional method makes Liberty write an FFDC incident, and "no such
   * user" is no incident.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id)).filter(user -> !user.isDeleted());
  }

  /**
   * Live users, oldest first (creation time, then id), after the request's cursor: a keyset page,
   * read from the index users_live_created_idx without an offset or a count.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CursorPage<User> list(CursorRequest request) {
    Cursor after = request.after();
    String where =
        after == null
            ? ""
            // ">=" bounds the index scan; the OR then skips the cursor's own time up to its id
            : " AND u.createdAt >= :time AND (u.createdAt > :time OR u.id > :id)";
    var query =
        em.createQuery(
            "SELECT u FROM User u WHERE u.deletedAt IS NULL"
                + where
                + " ORDER BY u.createdAt, u.id",
            User.class);
    if (after != null) {
      query
          .setParameter("time", after.createdAt().atOffset(ZoneOffset.UTC))
          .setParameter("id", after.id());
    }
    List<User> read = query.setMaxResults(request.fetch()).getResultList();
    return request.of(read, user -> new Cursor(user.createdAt(), user.id()));
  }

  /** Refuses anyone but the user themself ({@link UserRefusal.Kind#NOT_SELF}). */
  static void requireSelf(UUID caller, UUID userId) {
    if (!caller.equals(userId)) {
      throw UserRefusal.notSelf(userId, caller);
    }
  }

  private User lockedUser(UUID id, OptionalLong expectedVersion) {
    User user = em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (user == null || user.isDeleted()) {
      throw UserRefusal.notFound(id);
    }
    StaleVersion.check("User", id, user.version(), expectedVersion);
    return user;
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
