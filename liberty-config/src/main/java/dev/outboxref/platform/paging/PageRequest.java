package dev.outboxref.platform.paging;

import java.util.List;

/**
 * Which page of a list to answer.
 *
 * @param page the 0-based number of the page
 * @param size the most items the page holds
 */
public record PageRequest(int page, int size) {

  /** The index of the page's first item. */
  public int first() {
    return page * size;
  }

  /** The page of these items, out of {@code total} in all pages. */
  public <T> Page<T> of(List<T> items, long total) {
    return new Page<>(items, page, size, total);
  }
}
