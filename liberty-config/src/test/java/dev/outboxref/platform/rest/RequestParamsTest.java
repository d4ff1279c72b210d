package dev.outboxref.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.platform.paging.Cursor;
import dev.outboxref.platform.paging.CursorRequest;
import dev.outboxref.platform.paging.PageRequest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The page parameters and the If-Match header both APIs share. */
class RequestParamsTest {

  @Test
  void withoutParametersTheFirstPageOfTwenty() {
    PageRequest request = RequestParams.page(null, null);
    assertEquals(new PageRequest(0, 20), request);
    assertEquals(0, request.first());
  }

  @Test
  void blankParametersMeanTheDefaultsAndSpacesAroundANumberAreIgnored() {
    assertEquals(new PageRequest(0, 20), RequestParams.page("", "  "));
    assertEquals(new PageRequest(3, 7), RequestParams.page(" 3 ", "7 "));
  }

  @Test
  void theFirstItemOfAPageIsPageTimesSize() {
    assertEquals(60, RequestParams.page("3", "20").first());
    assertEquals(0, RequestParams.page("0", "100").first());
  }

  @Test
  void theBoundsAreIncluded() {
    assertEquals(1, RequestParams.page(null, "1").size());
    assertEquals(RequestParams.MAX_PAGE_SIZE, RequestParams.page(null, "100").size());
    int lastPage = Integer.MAX_VALUE / RequestParams.MAX_PAGE_SIZE;
    PageRequest last = RequestParams.page(Integer.toString(lastPage), "100");
    assertEquals(lastPage, last.page());
    assertTrue(last.first() >= 0, "the first item of the last page does not overflow an int");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-1", "x", "2.5", "1e2", "99999999999"})
  void aSizeOutsideOneToHundredIs400NamingTheParameter(String size) {
    ProblemException e = assertThrows(ProblemException.class, () -> RequestParams.page(null, size));
    assertEquals(400, e.problem().status());
    assertEquals(
        "'size' must be a whole number from 1 to 100, got '" + size + "'.", e.problem().detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "page", "21474837", "0x10"})
  void aPageOutsideItsRangeIs400NamingTheParameter(String page) {
    ProblemException e = assertThrows(ProblemException.class, () -> RequestParams.page(page, null));
    assertEquals(400, e.problem().status());
    assertTrue(e.problem().detail().startsWith("'page' must be a whole number from 0 to "));
    assertTrue(e.problem().detail().endsWith(", got '" + page + "'."), e.problem().detail());
  }

  @Test
  void aListStartsWithTwentyItemsAndFollowsTheCursorItWasGiven() {
    assertEquals(new CursorRequest(null, 20), RequestParams.cursor(null, null, null, null));
    assertEquals(new CursorRequest(null, 20), RequestParams.cursor(null, " ", null, null));
    Cursor after = new Cursor(Instant.parse("2026-01-02T03:04:05.000006Z"), UUID.randomUUID());
    assertEquals(
        new CursorRequest(after, 100), RequestParams.cursor(after.encode(), "100", null, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1"})
  void aCursorThisApiDidNotIssueIs400(String cursor) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestParams.cursor(cursor, null, null, null));
    assertEquals(400, e.problem().status());
    assertTrue(e.problem().detail().startsWith("'cursor' must be the 'next'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-1", "x"})
  void aLimitOutsideOneToHundredIs400(String limit) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestParams.cursor(null, limit, null, null));
    assertEquals(
        "'limit' must be a whole number from 1 to 100, got '" + limit + "'.", e.problem().detail());
  }

  @Test
  void theOffsetParametersOfOldAre400PointingAtTheCursor() {
    for (String[] old : new String[][] {{"0", null}, {null, "20"}, {"1", "2"}}) {
      ProblemException e =
          assertThrows(
              ProblemException.class, () -> RequestParams.cursor(null, null, old[0], old[1]));
      assertEquals(400, e.problem().status());
      assertTrue(e.problem().detail().contains("'cursor'"), e.problem().detail());
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "*", " * "})
  void withoutIfMatchOrWithAStarAnyVersionWillDo(String ifMatch) {
    assertEquals(OptionalLong.empty(), RequestParams.expectedVersion(ifMatch));
  }

  @Test
  void ifMatchIsTheVersionAsAStrongEtag() {
    assertEquals(OptionalLong.of(3), RequestParams.expectedVersion("\"3\""));
    assertEquals(OptionalLong.of(12), RequestParams.expectedVersion("  \"12\" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "\"\"", "\"", "W/\"3\"", "\"three\"", "\"1\", \"2\"", "'3'"})
  void anyOtherIfMatchIs400(String ifMatch) {
    ProblemException e =
        assertThrows(ProblemException.class, () -> RequestParams.expectedVersion(ifMatch));
    assertEquals(400, e.problem().status());
    assertTrue(e.problem().detail().endsWith("got " + ifMatch), e.problem().detail());
  }
}
