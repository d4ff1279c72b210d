package dev.outboxref.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders the application's own problems. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    Response.ResponseBuilder response =
        Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
    e.headers().forEach(response::header);
    return response.build();
  }
}
