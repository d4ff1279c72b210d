package dev.outboxref.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: an unexpected failure becomes a 500 problem that names an incident id, logged with
 * the stack trace; nothing internal (SQL, class names) reaches the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
    Problem problem =
        new Problem(
            "about:blank",
            "Internal Server Error",
            500,
            "The request failed unexpectedly; nothing was changed. Incident " + incident + ".");
    return Response.status(500).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
