package dev.outboxref.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list operation answers it.
 *
 * @param page the 0-based number of this page
 * @param size the most items a page holds
 * @param total how many items all pages hold together
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** The same page with each item mapped, e.g. from an entity to what the API shows of it. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
  }
}
