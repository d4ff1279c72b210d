package dev.outboxref.platform.auth;

import java.util.UUID;

/**
 * What a service knows of deletions: a token stays valid until it expires, so each service refuses
 * the tokens of users it knows were deleted since. Each service provides one bean of this type.
 */
public interface DeletedUsers {

  /** True only if this service knows the user was deleted (unknown users are not). */
  boolean isDeleted(UUID userId);
}
