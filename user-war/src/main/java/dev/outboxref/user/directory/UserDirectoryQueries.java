package dev.outboxref.user.directory;

import dev.outboxref.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads behind the gRPC user directory. gRPC handler threads carry no transaction context, so
 * they reach the database only through these transactional methods (docs/liberty-notes.md).
 */
@ApplicationScoped
@Transactional
public class UserDirectoryQueries implements UserSource {

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @Override
  public Optional<User> find(UUID id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  @Override
  public List<User> findAll(Collection<UUID> ids) {
    return em.createQuery("SELECT u FROM User u WHERE u.id IN :ids", User.class)
        .setParameter("ids", ids)
        .getResultList();
  }

  @Override
  public List<User> pageAfter(UUID after, int size) {
    String where = after == null ? "" : " WHERE u.id > :after";
    var query = em.createQuery("SELECT u FROM User u" + where + " ORDER BY u.id", User.class);
    if (after != null) {
      query.setParameter("after", after);
    }
    return query.setMaxResults(size).getResultList();
  }
}
