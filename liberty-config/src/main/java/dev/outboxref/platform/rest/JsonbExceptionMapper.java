package dev.outboxref.platform.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not the JSON the operation takes (malformed, empty, a wrong type, an unknown
 * field): 400 with the parser's explanation. A problem raised while the body was read (e.g. the
 * size limit) keeps its own status.
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProblemException problem) {
        return new ProblemExceptionMapper().toResponse(problem);
      }
    }
    String reason =
        e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Internal error: ", "");
    Problem problem =
        new Problem(
            "about:blank",
            "Bad Request",
            400,
            "The body is not valid JSON for this operation: " + reason);
    return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
