package dev.outboxref.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * Which slice of a list to answer: the items after {@code after} (from the start when null), at
 * most {@code limit} of them. A query reads {@link #fetch} items (one more than the limit) to learn
 * whether another page follows, without counting the list.
 */
public record CursorRequest(Cursor after, int limit) {

  /** How many items to read: one more than answered, to know whether there is a next page. */
  public int fetch() {
    return limit + 1;
  }

  /**
   * The page of the items read ({@link #fetch} at most, in list order): the first {@code limit},
   * and a cursor after the last of them if more were read.
   */
  public <T> CursorPage<T> of(List<T> read, Function<? super T, Cursor> key) {
    if (read.size() <= limit) {
      return new CursorPage<>(List.copyOf(read), null);
    }
    List<T> items = List.copyOf(read.subList(0, limit));
    return new CursorPage<>(items, key.apply(items.get(limit - 1)).encode());
  }
}
