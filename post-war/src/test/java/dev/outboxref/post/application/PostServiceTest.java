package dev.outboxref.post.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.outboxref.platform.versioning.StaleVersion;
import dev.outboxref.post.domain.Post;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Only a post's author may change or delete it, and only at the version they read. */
class PostServiceTest {

  private final UUID author = UUID.randomUUID();
  private final Post post = Post.create(author, "Notes", "On the engine.", Instant.now());

  @Test
  void theAuthorMayChangeTheirPostWithOrWithoutIfMatch() {
    assertSame(post, PostService.changeable(post, post.id(), author, OptionalLong.empty()));
    assertSame(post, PostService.changeable(post, post.id(), author, OptionalLong.of(1)));
  }

  @Test
  void anybodyElseIsRefusedAsNotTheAuthor() {
    PostRefusal refusal =
        assertThrows(
            PostRefusal.class,
            () -> PostService.changeable(post, post.id(), UUID.randomUUID(), OptionalLong.empty()));

    assertEquals(PostRefusal.Kind.NOT_THE_AUTHOR, refusal.kind());
    assertEquals(
        "Only the author of post " + post.id() + " may change or delete it.", refusal.getMessage());
  }

  /** The REST edge refuses an anonymous caller (401) before; here no caller is nobody's author. */
  @Test
  void noCallerIsNotTheAuthor() {
    assertEquals(
        PostRefusal.Kind.NOT_THE_AUTHOR,
        assertThrows(
                PostRefusal.class,
                () -> PostService.changeable(post, post.id(), null, OptionalLong.empty()))
            .kind());
  }

  @Test
  void aStrangerIsRefusedAsNotTheAuthorWhateverVersionTheyName() {
    assertEquals(
        PostRefusal.Kind.NOT_THE_AUTHOR,
        assertThrows(
                PostRefusal.class,
                () ->
                    PostService.changeable(post, post.id(), UUID.randomUUID(), OptionalLong.of(9)))
            .kind());
  }

  @Test
  void theAuthorAtAnotherVersionIsStale() {
    assertThrows(
        StaleVersion.class,
        () -> PostService.changeable(post, post.id(), author, OptionalLong.of(2)));
  }

  @Test
  void noPostIsNotFound() {
    UUID id = UUID.randomUUID();
    PostRefusal refusal =
        assertThrows(
            PostRefusal.class, () -> PostService.changeable(null, id, author, OptionalLong.of(1)));

    assertEquals(PostRefusal.Kind.POST_NOT_FOUND, refusal.kind());
    assertEquals("Post " + id + " does not exist.", refusal.getMessage());
  }
}
