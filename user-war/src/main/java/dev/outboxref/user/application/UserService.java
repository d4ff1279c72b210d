package dev.outboxref.user.application;

import dev.outboxref.platform.paging.Page;
import dev.outboxref.platform.paging.PageRequest;
import dev.outboxref.platform.versioning.StaleVersion;
import dev.outboxref.user.domain.User;
import dev.outboxref.user.domain.UserChange;
import dev.outboxref.user.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The user service's use cases. Each is one JTA transaction that changes the user and appends the
 * change the user returns to the outbox: both are committed, or neither is. Writes lock the user
 * row, so concurrent changes of one user are serialised and get consecutive versions. Refusals are
 * this package's exceptions ({@link UserNotFound}, {@link EmailTaken}) and {@link StaleVersion};
 * the REST edge answers them.
 */
@ApplicationScoped
public class UserService {

  private static final Logger LOG = Logger.getLogger(UserService.class.getName());

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @Inject Outbox outbox;

  /** Registers a user with this password hash ({@link Registration} hashes, under its limits). */
  @Transactional
  public User register(String email, String name, String nickname, String passwordHash) {
    if (findByEmail(email).isPresent()) {
      throw new EmailTaken(email);
    }
    User.Registration registration =
        User.register(email, name, nickname, passwordHash, Instant.now());
    User user = registration.user();
    em.persist(user);
    try {
      em.flush(); // a concurrent registration of the same email fails here, on the unique index
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new EmailTaken(email);
      }
      throw e;
    }
    outbox.append(registration.change());
    LOG.info(() -> "User " + user.id() + " registered (version 1)");
    return user;
  }

  @Transactional
  public User changeProfile(UUID id, OptionalLong expectedVersion, String name, String nickname) {
    User user = lockedUser(id, expectedVersion);
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

  @Transactional
  public void delete(UUID id, OptionalLong expectedVersion) {
    UserChange.Deleted deleted = lockedUser(id, expectedVersion).delete(Instant.now());
    outbox.append(deleted);
    LOG.info(() -> "User " + id + " deleted (version " + deleted.version() + ")");
  }

  /**
   * Stores a new password hash. No event: the password is no part of what other services see, and
   * the version (which counts published changes) stays.
   */
  @Transactional
  public void changePassword(UUID id, String newPasswordHash) {
    lockedUser(id, OptionalLong.empty()).changePassword(newPasswordHash, Instant.now());
    LOG.info(() -> "User " + id + " changed password");
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
   * The live user, if any. Empty rather than {@link UserNotFound} thrown from here: an exception
   * out of a transactional method makes Liberty write an FFDC incident, and "no such user" is no
   * incident.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id)).filter(user -> !user.isDeleted());
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<User> list(PageRequest request) {
    List<User> items =
        em.createQuery(
                "SELECT u FROM User u WHERE u.deletedAt IS NULL ORDER BY u.createdAt, u.id",
                User.class)
            .setFirstResult(request.first())
            .setMaxResults(request.size())
            .getResultList();
    long total =
        em.createQuery("SELECT count(u) FROM User u WHERE u.deletedAt IS NULL", Long.class)
            .getSingleResult();
    return request.of(items, total);
  }

  private User lockedUser(UUID id, OptionalLong expectedVersion) {
    User user = em.find(User.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (user == null || user.isDeleted()) {
      throw new UserNotFound(id);
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
