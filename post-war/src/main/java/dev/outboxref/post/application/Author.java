package dev.outboxref.post.application;

import java.util.UUID;

/**
 * What the post service knows of a user who writes posts, from its replica or the user service: a
 * deleted user has no name or nickname. {@code version} orders the states of one user (the newer
 * wins in the replica); {@code credentialVersion} is the user's credential version at it (0 from a
 * source that predates it). Plain data the application's ports carry, kept out of {@code domain},
 * which holds the post service's own entity: authors belong to the user service.
 */
public record Author(
    UUID id, String name, String nickname, boolean deleted, long version, long credentialVersion) {}
