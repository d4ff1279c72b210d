package dev.outboxref.user.api;

import java.util.List;

/** A page of users: {@code GET /api/users?page=&size=}. */
public record UserPage(List<UserResponse> items, int page, int size, long total) {}
