package dev.outboxref.platform.rest;

import dev.outboxref.platform.versioning.StaleVersion;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A change at another version than If-Match expects: 412, naming both versions. */
@Provider
public class StaleVersionExceptionMapper implements ExceptionMapper<StaleVersion> {

  private static final ProblemExceptionMapper PROBLEMS = new ProblemExceptionMapper();

  @Override
  public Response toResponse(StaleVersion e) {
    return PROBLEMS.toResponse(Problems.of(Status.PRECONDITION_FAILED, e.getMessage()));
  }
}
