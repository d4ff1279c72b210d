package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the code's comments and the docs point a reader to is in this repository: a file path they
 * name exists, a relative Markdown link resolves, and no file from outside the repository is cited.
 */
class RepositoryReferencesTest {

  /** Paths from the repository root, as comments and docs write them. */
  private static final Pattern REPO_PATH =
      Pattern.compile(
          "(?<![\\w/.-])((?:docs|k8s|bench|terraform|\\.github|local-stack|system-tests|deploy-tests"
              + "|liberty-config|user-war|post-war|shared-proto)/[\\w./-]+"
              + "\\.(?:md|yaml|yml|java|xml|json|tf|properties|sql|png|proto))(?![\\w-])");

  /** Relative Markdown links: [text](path). */
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  /** Notes that lived outside the repository; what the code relies on is in docs/ now. */
  private static final Pattern OUTSIDE =
      Pattern.compile("LIBERTY[-]NOTES|\\bARCHITECTURE\\.md|\\bSTYLE\\.md|\\.\\./shared/");

  private static final Set<String> TEXT =
      Set.of("java", "xml", "yaml", "yml", "md", "properties", "tf", "sql", "proto", "json", "sh");

  @Test
  void everyFileACommentOrDocNamesExists() {
    Path root = Repo.root();
    List<String> broken = new ArrayList<>();
    for (Path file : textFiles(root)) {
      String text = Repo.read(file);
      String where = root.relativize(file).toString();
      Matcher paths = REPO_PATH.matcher(text);
      while (paths.find()) {
        String named = paths.group(1).replaceAll("[.]+$", "");
        if (!named.contains("/target/") && !Files.exists(root.resolve(named))) {
          broken.add(where + " names " + named);
        }
      }
      if (file.toString().endsWith(".md")) {
        Matcher links = MARKDOWN_LINK.matcher(text);
        while (links.find()) {
          String link = links.group(1);
          if (!link.contains(":") && !Files.exists(file.getParent().resolve(link).normalize())) {
            broken.add(where + " links to " + link);
          }
        }
      }
      Matcher outside = OUTSIDE.matcher(text);
      if (outside.find()) {
        broken.add(where + " cites " + outside.group() + ", which is not in this repository");
      }
    }
    assertEquals(List.of(), broken);
  }

  private static List<Path> textFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !skipped(root.relativize(f)))
          .filter(
              f -> TEXT.contains(extension(f)) || f.getFileName().toString().equals("Dockerfile"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target")
          || name.equals("node_modules")
          || name.startsWith(".") && !name.equals(".github")) {
        return true;
      }
    }
    return false;
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
