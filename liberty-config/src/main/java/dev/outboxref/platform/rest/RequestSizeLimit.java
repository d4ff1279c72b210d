package dev.outboxref.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses request bodies over {@code api.max-request-bytes} (default 64 KiB) with 413, whether the
 * client declared the length or streams the body in chunks.
 */
@Provider
public class RequestSizeLimit implements ContainerRequestFilter {

  private final long maxBytes =
      ConfigProvider.getConfig()
          .getOptionalValue("api.max-request-bytes", Long.class)
          .orElse(64L * 1024);

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > maxBytes) {
      throw tooLarge();
    }
    request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
  }

  private ProblemException tooLarge() {
    return Problems.of(
        Status.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
  }

  private final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long max) {
      super(in);
      this.remaining = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      remaining -= n;
      if (remaining < 0) {
        throw tooLarge();
      }
    }
  }
}
