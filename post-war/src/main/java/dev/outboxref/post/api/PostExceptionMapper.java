package dev.outboxref.post.api;

import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.post.application.AuthorDeleted;
import dev.outboxref.post.application.AuthorUnknown;
import dev.outboxref.post.application.NotTheAuthor;
import dev.outboxref.post.application.PostNotFound;
import dev.outboxref.post.application.UserDirectoryUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The use cases' refusals as problems: 404 for no such post, 403 for a caller who is not the
 * author, 422 for an author who does not exist or was deleted, 503 with Retry-After while an
 * unknown author cannot be checked.
 */
public final class PostExceptionMapper {

  private PostExceptionMapper() {}

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Provider
  public static class NotFound implements ExceptionMapper<PostNotFound> {
    @Override
    public Response toResponse(PostNotFound e) {
      return PROBLEMS.toResponse(Problems.notFound(e.getMessage()));
    }
  }

  @Provider
  public static class NotAuthor implements ExceptionMapper<NotTheAuthor> {
    @Override
    public Response toResponse(NotTheAuthor e) {
      return PROBLEMS.toResponse(Problems.forbidden(e.getMessage()));
    }
  }

  @Provider
  public static class Unknown implements ExceptionMapper<AuthorUnknown> {
    @Override
    public Response toResponse(AuthorUnknown e) {
      return PROBLEMS.toResponse(Problems.unprocessable(e.getMessage()));
    }
  }

  @Provider
  public static class Deleted implements ExceptionMapper<AuthorDeleted> {
    @Override
    public Response toResponse(AuthorDeleted e) {
      return PROBLEMS.toResponse(Problems.unprocessable(e.getMessage()));
    }
  }

  @Provider
  public static class DirectoryUnavailable implements ExceptionMapper<UserDirectoryUnavailable> {
    @Override
    public Response toResponse(UserDirectoryUnavailable e) {
      return PROBLEMS.toResponse(Problems.unavailable(e.getMessage(), e.retryAfterSeconds()));
    }
  }
}
