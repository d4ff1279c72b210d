package dev.outboxref.post.api;

import dev.outboxref.platform.rest.ProblemException;
import dev.outboxref.platform.rest.ProblemExceptionMapper;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.post.application.PostRefusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The use cases' refusals as problems: 404 for no such post, 403 for a caller who is not the
 * author, 422 for an author who does not exist or was deleted, 503 with Retry-After while an
 * unknown author cannot be checked.
 */
@Provider
public class PostRefusalMapper implements ExceptionMapper<PostRefusal> {

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Override
  public Response toResponse(PostRefusal refusal) {
    return PROBLEMS.toResponse(problem(refusal));
  }

  /** The problem answering the refusal; no default branch, so a new kind must be answered here. */
  static ProblemException problem(PostRefusal refusal) {
    String detail = refusal.getMessage();
    return switch (refusal.kind()) {
      case POST_NOT_FOUND -> Problems.notFound(detail);
      case NOT_THE_AUTHOR -> Problems.forbidden(detail);
      case AUTHOR_UNKNOWN, AUTHOR_DELETED -> Problems.unprocessable(detail);
      case DIRECTORY_UNAVAILABLE -> Problems.unavailable(detail, PostRefusal.RETRY_AFTER_SECONDS);
    };
  }
}
