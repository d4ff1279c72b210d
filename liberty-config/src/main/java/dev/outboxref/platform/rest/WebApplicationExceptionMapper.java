package dev.outboxref.platform.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Renders the errors the JAX-RS runtime raises (unknown path 404, wrong method 405, unsupported
 * media type 415, unreadable body 400) as problem+json, keeping their headers (e.g. {@code Allow}).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    String detail =
        status.getStatusCode() >= 500 ? "The request could not be processed." : e.getMessage();
    Problem problem =
        new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
    return Response.fromResponse(e.getResponse()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }
}
