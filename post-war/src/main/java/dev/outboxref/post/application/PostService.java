package dev.outboxref.post.application;

import dev.outboxref.platform.paging.Cursor;
import dev.outboxref.platform.paging.CursorPage;
import dev.outboxref.platform.paging.CursorRequest;
import dev.outboxref.platform.versioning.StaleVersion;
import dev.outboxref.post.domain.Post;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The post service's use cases on posts, each one transaction. Whether an author may write is
 * {@link Authors}' business and is checked before {@link #create}, outside the transaction, so no
 * database connection is held while the user service is asked. Refusals are {@link PostRefusal}s
 * ({@code POST_NOT_FOUND}, {@code NOT_THE_AUTHOR}) and {@link StaleVersion}; the REST edge answers
 * them.
 */
@ApplicationScoped
public class PostService {

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @Transactional
  public Post create(UUID authorId, String title, String content) {
    Post post = Post.create(authorId, title, content, Instant.now());
    em.persist(post);
    return post;
  }

  /**
   * The post, if any. Empty rather than {@link PostRefusal#postNotFound} thrown from here: an
   * exception out of a transactional method makes Liberty write an FFDC incident, and "no such
   * post" is no incident.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Post> find(UUID id) {
    return Optional.ofNullable(em.find(Post.class, id));
  }

  /**
   * Newest first (creation time, then id, both descending); all posts, or one author's when {@code
   * authorId} is given: a keyset page before the request's cursor, read from posts_created_idx or
   * posts_author_created_idx without an offset or a count.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CursorPage<Post> list(UUID authorId, CursorRequest request) {
    Cursor after = request.after();
    List<String> where = new ArrayList<>();
    if (authorId != null) {
      where.add("p.authorId = :author");
    }
    if (after != null) {
      // "<=" bounds the index scan; the OR then skips the cursor's own time down to its id
      where.add("p.createdAt <= :time AND (p.createdAt < :time OR p.id < :id)");
    }
    var query =
        em.createQuery(
            "SELECT p FROM Post p"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY p.createdAt DESC, p.id DESC",
            Post.class);
    if (authorId != null) {
      query.setParameter("author", authorId);
    }
    if (after != null) {
      query
          .setParameter("time", after.createdAt().atOffset(ZoneOffset.UTC))
          .setParameter("id", after.id());
    }
    List<Post> read = query.setMaxResults(request.fetch()).getResultList();
    return request.of(read, post -> new Cursor(post.createdAt(), post.id()));
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
    return changeable(
        em.find(Post.class, id, LockModeType.PESSIMISTIC_WRITE), id, callerId, expectedVersion);
  }

  /**
   * The post as read, if it may be changed: refused as not found (null), then if the caller is not
   * its author, then if If-Match does not hold, in that order (a stranger learns nothing of the
   * version).
   */
  static Post changeable(Post post, UUID id, UUID callerId, OptionalLong expectedVersion) {
    if (post == null) {
      throw PostRefusal.postNotFound(id);
    }
    if (!post.authorId().equals(callerId)) {
      throw PostRefusal.notTheAuthor(id);
    }
    StaleVersion.check("Post", id, post.version(), expectedVersion);
    return post;
  }
}
