package dev.outboxref.post.application;

import dev.outboxref.platform.rest.Problems;
import dev.outboxref.platform.rest.RequestParams;
import dev.outboxref.post.domain.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The post service's use cases on posts, each one transaction. Whether an author may write is
 * {@link Authors}' business and is checked before {@link #create}, outside the transaction, so no
 * database connection is held while the user service is asked.
 */
@ApplicationScoped
public class PostService {

  /** A page of posts, newest first. */
  public record Page(List<Post> items, int page, int size, long total) {}

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Transactional
  public Post create(UUID authorId, String title, String content) {
    Post post = Post.create(authorId, title, content, Instant.now());
    em.persist(post);
    return post;
  }

  /**
   * The post, if any. Empty rather than a 404 thrown from here: an exception out of a transactional
   * method makes Liberty write an FFDC incident, and "no such post" is no incident.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Post> find(UUID id) {
    return Optional.ofNullable(em.find(Post.class, id));
  }

  /** Newest first; all posts, or one author's when {@code authorId} is given. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page list(UUID authorId, RequestParams.PageRequest request) {
    String where = authorId == null ? "" : " WHERE p.authorId = :author";
    var items =
        em.createQuery(
            "SELECT p FROM Post p" + where + " ORDER BY p.createdAt DESC, p.id DESC", Post.class);
    var total = em.createQuery("SELECT count(p) FROM Post p" + where, Long.class);
    if (authorId != null) {
      items.setParameter("author", authorId);
      total.setParameter("author", authorId);
    }
    return new Page(
        items.setFirstResult(request.first()).setMaxResults(request.size()).getResultList(),
        request.page(),
        request.size(),
        total.getSingleResult());
  }

  @Transactional
  public Post change(
      UUID callerId, UUID id, OptionalLong expectedVersion, String title, String content) {
    Post post = locked(callerId, id, expectedVersion);
    post.change(title, content, Instant.now());
    return post;
  }

  @Transactional
  public void delete(UUID callerId, UUID id, OptionalLong expectedVersion) {
    em.remove(locked(callerId, id, expectedVersion));
  }

  /** The post, locked, if it exists, the caller is its author and If-Match holds. */
  private Post locked(UUID callerId, UUID id, OptionalLong expectedVersion) {
    Post post = em.find(Post.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (post == null) {
      throw notFound(id);
    }
    if (!post.authorId().equals(callerId)) {
      throw Problems.forbidden("Only the author of post " + id + " may change or delete it.");
    }
    RequestParams.requireVersion("Post", id, post.version(), expectedVersion);
    return post;
  }

  public static RuntimeException notFound(UUID id) {
    return Problems.notFound("Post " + id + " does not exist.");
  }
}
