package dev.outboxref.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a name, a title and a post's content may hold. */
class TextRulesTest {

  @Test
  void plainTextOfAnyScriptIsFine() {
    assertNull(TextRules.problem("Ada Lovelace", 100, false));
    assertNull(TextRules.problem("Ἀριστοτέλης 李白 😀", 100, false));
    assertNull(TextRules.problem(null, 100, false), "null is for @NotNull to judge");
  }

  @Test
  void nulAndOtherControlCharactersAreRefused() {
    for (String bad :
        new String[] {"a\u0000b", "a\u0001", "\u001f", "a\u007fb", "a\u0085b", "a\nb"}) {
      String problem = TextRules.problem(bad, 100, false);
      assertTrue(problem != null && problem.contains("control"), bad + ": " + problem);
    }
  }

  @Test
  void newlinesAndTabsOnlyInMultiLineText() {
    assertNull(TextRules.problem("line one\nline two\r\n\tindented", 100, true));
    assertTrue(TextRules.problem("a\tb", 100, false) != null);
    assertTrue(TextRules.problem("a\rb", 100, true) != null, "a lone carriage return");
    assertTrue(TextRules.problem("a\u0000b", 100, true) != null, "NUL is never text");
  }

  @Test
  void lengthIsCountedInCharactersAsAPersonCountsThem() {
    String emoji = "😀".repeat(100); // 200 UTF-16 units, 100 characters
    assertNull(TextRules.problem(emoji, 100, false));
    String problem = TextRules.problem(emoji + "x", 100, false);
    assertTrue(problem.contains("at most 100") && problem.contains("101"), problem);
  }

  @Test
  void anUnpairedSurrogateIsNotText() {
    assertTrue(TextRules.problem("a\ud800b", 100, false).contains("surrogate"));
  }

  @Test
  void anExcerptIsShortAndShowsControlCharacters() {
    assertEquals("a\\u0000b\\u001b", TextRules.excerpt("a\u0000b\u001b"));
    assertEquals("x".repeat(40) + "...", TextRules.excerpt("x".repeat(100_000)));
    assertEquals("😀".repeat(40) + "...", TextRules.excerpt("😀".repeat(41)));
    assertEquals("\\ud800", TextRules.excerpt("\ud800"));
  }
}
