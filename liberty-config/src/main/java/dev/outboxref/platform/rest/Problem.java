package dev.outboxref.platform.rest;

/**
 * An RFC 9457 problem detail, the body of every 4xx/5xx answer of the REST APIs ({@code
 * application/problem+json}).
 */
public record Problem(String type, String title, int status, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";
}
