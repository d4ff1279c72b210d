package dev.outboxref.platform.rest;

import java.util.Map;

/** Thrown by resources to answer with a problem; {@link ProblemExceptionMapper} renders it. */
public class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  /** A problem answered with extra response headers, e.g. {@code Retry-After}. */
  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
