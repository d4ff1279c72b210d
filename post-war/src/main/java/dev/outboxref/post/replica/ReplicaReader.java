package dev.outboxref.post.replica;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The reads of {@code user_replica}: the users as the post service knows them now. */
@ApplicationScoped
public class ReplicaReader {

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ReplicaUser> find(UUID userId) {
    return Optional.ofNullable(em.find(ReplicaUser.class, userId));
  }

  /** The users of these ids the replica knows, by id. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<UUID, ReplicaUser> findAll(Collection<UUID> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    List<ReplicaUser> users =
        em.createQuery("SELECT r FROM ReplicaUser r WHERE r.userId IN :ids", ReplicaUser.class)
            .setParameter("ids", List.copyOf(userIds))
            .getResultList();
    return users.stream().collect(Collectors.toMap(ReplicaUser::userId, Function.identity()));
  }
}
