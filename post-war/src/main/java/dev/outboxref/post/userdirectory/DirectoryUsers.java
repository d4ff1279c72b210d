package dev.outboxref.post.userdirectory;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a look-up of several users: those found (tombstones included) and the ids never
 * seen.
 */
public record DirectoryUsers(List<DirectoryUser> found, List<UUID> missing) {}
