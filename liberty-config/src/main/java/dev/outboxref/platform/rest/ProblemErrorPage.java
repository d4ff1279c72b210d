package dev.outboxref.platform.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;

/**
 * The error page of the web container (META-INF/web-fragment.xml): what the runtime answers before
 * the application sees a request (an unknown path outside the APIs, a path the container refuses,
 * an error no exception mapper saw) becomes problem+json like every answer of the APIs.
 */
@WebServlet(urlPatterns = ProblemErrorPage.PATH)
public class ProblemErrorPage extends HttpServlet {

  static final String PATH = "/problem-error";
  private static final long serialVersionUID = 1L;
  private static final Jsonb JSON = JsonbBuilder.create();

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // asked for directly, not as an error page: there is nothing here
    int status = code instanceof Integer c ? c : 404;
    Status known = Status.fromStatusCode(status);
    String title = known != null ? known.getReasonPhrase() : "Error";
    Problem problem = new Problem("about:blank", title, status, detail(status));
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.toJson(problem));
  }

  static String detail(int status) {
    return switch (status) {
      case 400 ->
          "The request is malformed: check its path (percent-encoding, no encoded '/'), query and"
              + " headers.";
      case 404 -> "There is nothing at this path. The APIs are under /api/.";
      case 405 -> "This path does not take this method.";
      case 413, 431 -> "The request or its headers are too large.";
      case 414 -> "The request's URI is too long.";
      default ->
          status >= 500
              ? "The request failed unexpectedly; nothing was changed."
              : "The request cannot be served as it is.";
    };
  }
}
