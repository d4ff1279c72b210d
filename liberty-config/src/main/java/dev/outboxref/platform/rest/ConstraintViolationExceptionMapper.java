package dev.outboxref.platform.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Bean Validation failures of a request: 400 naming every invalid field (never its value). */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .toList();
    return new ProblemExceptionMapper().toResponse(Problems.invalidFields(errors));
  }

  /** The last node of the property path: "email" rather than "register.arg0.email". */
  private static String field(ConstraintViolation<?> violation) {
    String last = null;
    String parameter = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
        parameter = "body";
      }
      if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
        last = node.getName();
      }
    }
    return last != null
        ? last
        : parameter != null ? parameter : violation.getPropertyPath().toString();
  }
}
