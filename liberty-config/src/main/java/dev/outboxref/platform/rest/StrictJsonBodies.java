package dev.outboxref.platform.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Every JSON request body passes {@link JsonBodyCheck} before JSON-B binds it: invalid UTF-8, an
 * unpaired surrogate, a duplicate key or a wrong JSON type is a 400 that names the field, instead
 * of a coerced or repaired value.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class StrictJsonBodies implements ReaderInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    MediaType type = context.getMediaType();
    if (type == null
        || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
      return context.proceed();
    }
    // the size limit (RequestSizeLimit) already bounds this stream
    byte[] body = context.getInputStream().readAllBytes();
    JsonBodyCheck.check(body, context.getType());
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }
}
