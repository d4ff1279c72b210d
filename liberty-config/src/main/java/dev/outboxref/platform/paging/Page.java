package dev.outboxref.platform.paging;

import java.util.List;

/**
 * One page of a list, as every list operation answers it.
 *
 * @param page the 0-based number of this page
 * @param size the most items a page holds
 * @param total how many items all pages hold together
 */
public record Page<T>(List<T> items, int page, int size, long total) {}
