package dev.outboxref.post.api;

import java.util.List;

/** A page of posts, newest first: {@code GET /api/posts?authorId=&page=&size=}. */
public record PostPage(List<PostResponse> items, int page, int size, long total) {}
