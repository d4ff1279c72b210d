package dev.outboxref.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, as every list operation answers it: no page number and no total (neither
 * scales), only the items and, unless this is the last page, the opaque cursor of the next one.
 *
 * @param items the items, in list order
 * @param next the token to ask for the page after this one ({@link Cursor#encode}); null (absent in
 *     JSON) on the last page
 */
public record CursorPage<T>(List<T> items, String next) {

  /** The same page with each item mapped, e.g. from an entity to what the API shows of it. */
  public <R> CursorPage<R> map(Function<? super T, ? extends R> mapper) {
    return new CursorPage<>(items.stream().<R>map(mapper).toList(), next);
  }
}
