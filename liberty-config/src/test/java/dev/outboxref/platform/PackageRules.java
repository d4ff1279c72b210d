package dev.outboxref.platform;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's packages and which of them (and which of the platform's HTTP packages) each may use:
 * one table, stated once in the service's architecture test, checked in its classes by ArchUnit and
 * against the table in docs/architecture.md ({@link #documented}), so the two cannot drift apart.
 *
 * <p>A package is named relative to the service's base package ({@code api}, {@code
 * replica.consumer}); a platform package by {@code platform.<name>}. A package may use a platform
 * package only if its row names it, or it is one of the {@link #FREE} ones.
 */
public final class PackageRules {

  private static final String PLATFORM = "platform.";

  /** Free of HTTP and of any service's data: every package may use them. */
  public static final List<String> FREE =
      List.of("platform.paging", "platform.retry", "platform.text", "platform.versioning");

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private final String basePackage;
  private final Map<String, Set<String>> mayUse = new LinkedHashMap<>();

  private PackageRules(String basePackage) {
    this.basePackage = basePackage;
  }

  public static PackageRules of(String basePackage) {
    return new PackageRules(basePackage);
  }

  /** Package {@code name} may use exactly {@code uses} of the packages the table knows. */
  public PackageRules room(String name, String... uses) {
    mayUse.put(name, new LinkedHashSet<>(Arrays.asList(uses)));
    return this;
  }

  public Map<String, Set<String>> mayUse() {
    return mayUse;
  }

  /**
   * Every class in one of the table's packages (the base package itself, which holds the
   * application class, aside); each package uses only the service's packages and the platform's
   * named in its row.
   */
  public ArchRule rule() {
    LayeredArchitecture layers =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitectureIgnoring(basePackage);
    for (String room : mayUse.keySet()) {
      layers = layers.layer(room).definedBy(basePackage + "." + room);
    }
    for (Map.Entry<String, Set<String>> room : mayUse.entrySet()) {
      String[] uses = room.getValue().stream().filter(u -> !isPlatform(u)).toArray(String[]::new);
      layers =
          uses.length == 0
              ? layers.whereLayer(room.getKey()).mayNotAccessAnyLayer()
              : layers.whereLayer(room.getKey()).mayOnlyAccessLayers(uses);
    }
    CompositeArchRule rule = CompositeArchRule.of(layers);
    // ArchUnit's layers hold only the imported (the service's) classes, so the platform's
    // packages are checked one room at a time
    for (Map.Entry<String, Set<String>> room : mayUse.entrySet()) {
      String[] allowed =
          Stream.concat(room.getValue().stream().filter(PackageRules::isPlatform), FREE.stream())
              .map(p -> "dev.outboxref." + p + "..")
              .toArray(String[]::new);
      rule =
          rule.and(
              noClasses()
                  .that()
                  .resideInAPackage(basePackage + "." + room.getKey())
                  .should()
                  .dependOnClassesThat(
                      resideInAPackage("dev.outboxref.platform..")
                          .and(not(resideInAnyPackage(allowed)))
                          .as("platform packages other than " + String.join(", ", allowed))));
    }
    return rule;
  }

  private static boolean isPlatform(String name) {
    return name.startsWith(PLATFORM);
  }

  /**
   * The rows of docs/architecture.md's package table for {@code service} ({@code user}, {@code
   * post}): package to the names in its "may use" column, in code quotes.
   */
  public static Map<String, Set<String>> documented(String service) throws IOException {
    Map<String, Set<String>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(architectureDoc())) {
      List<String> cells = cells(line);
      if (cells.size() == 4 && cells.get(0).equals(service)) {
        List<String> name = codes(cells.get(1));
        if (name.size() == 1) {
          rows.put(name.get(0), new LinkedHashSet<>(codes(cells.get(3))));
        }
      }
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String row = line.strip();
    if (!row.startsWith("|") || !row.endsWith("|")) {
      return List.of();
    }
    List<String> cells = new ArrayList<>();
    for (String cell : row.substring(1, row.length() - 1).split("\\|", -1)) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher code = CODE.matcher(cell);
    while (code.find()) {
      codes.add(code.group(1));
    }
    return codes;
  }

  private static Path architectureDoc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs/architecture.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException(
        "docs/architecture.md not found above " + Path.of("").toAbsolutePath());
  }
}
