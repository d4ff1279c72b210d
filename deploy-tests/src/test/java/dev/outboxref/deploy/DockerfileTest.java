package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The service Dockerfiles copy exactly the Liberty server that the Maven build assembles
 * (<module>/target/liberty/wlp/usr/servers/<liberty.server.name>/): server.xml, the shared
 * liberty-fragments, the JDBC driver and the WAR, in the order features.sh / configure.sh need,
 * from a pinned Open Liberty base image of the version the build uses.
 */
class DockerfileTest {

  /** One instruction of a Dockerfile, continuation lines joined, ARGs substituted. */
  record Instruction(String keyword, String args) {}

  static List<Instruction> parse(Path dockerfile) {
    Map<String, String> argValues = new LinkedHashMap<>();
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Repo.read(dockerfile).split("\n")) {
      String line = raw.strip();
      if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      String text = current.toString().strip();
      current.setLength(0);
      String keyword = text.split("\\s+", 2)[0].toUpperCase();
      String args =
          text.length() > keyword.length() ? text.substring(keyword.length()).strip() : "";
      Matcher m = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)").matcher(args);
      StringBuilder substituted = new StringBuilder();
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        m.appendReplacement(
            substituted, Matcher.quoteReplacement(argValues.getOrDefault(name, m.group())));
      }
      m.appendTail(substituted);
      args = substituted.toString();
      if (keyword.equals("ARG") && args.contains("=")) {
        argValues.put(
            args.substring(0, args.indexOf('=')),
            args.substring(args.indexOf('=') + 1).replace("\"", ""));
      }
      out.add(new Instruction(keyword, args));
    }
    return out;
  }

  /** Sources of a COPY (flags like --chown dropped; the last word is the destination). */
  static List<String> copySources(Instruction copy) {
    List<String> words = new ArrayList<>(List.of(copy.args().split("\\s+")));
    words.removeIf(w -> w.startsWith("--"));
    return words.subList(0, words.size() - 1);
  }

  static Path dockerfile(Service s) {
    Path f = Repo.path(s.module() + "/Dockerfile");
    assertTrue(Files.isRegularFile(f), f + " is missing");
    return f;
  }

  static String rootPomProperty(String name) {
    NodeList nodes = ServiceFiles.parse(Repo.path("pom.xml")).getElementsByTagName(name);
    assertTrue(nodes.getLength() > 0, "root pom has no property " + name);
    return nodes.item(0).getTextContent().trim();
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void copiesExactlyTheServerTheBuildAssembles(Service s) {
    List<Instruction> ins = parse(dockerfile(s));
    String serverDir = ServiceFiles.builtServerDir(s) + "/";
    Set<String> copied = new TreeSet<>();
    for (Instruction i : ins) {
      if (i.keyword().equals("COPY") || i.keyword().equals("ADD")) {
        assertEquals("COPY", i.keyword(), s.module() + "/Dockerfile: use COPY, not ADD");
        assertTrue(
            i.args().contains("--chown=1001:0"),
            s.module() + "/Dockerfile: files must belong to the Liberty user: " + i.args());
        for (String src : copySources(i)) {
          assertTrue(
              src.startsWith(serverDir),
              s.module()
                  + "/Dockerfile copies "
                  + src
                  + ", which is not part of the server the build assembles in "
                  + serverDir);
          copied.add(src.substring(serverDir.length()).replaceAll("/+$", ""));
        }
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "server.xml",
                "liberty-fragments",
                "jvm.options",
                "jdbc/postgresql.jar",
                "apps/" + ServiceFiles.warName(s))),
        copied,
        s.module()
            + "/Dockerfile must copy server.xml, liberty-fragments/, jvm.options,"
            + " jdbc/postgresql.jar and apps/"
            + ServiceFiles.warName(s));
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void buildStepsAreInTheOrderLibertyNeeds(Service s) {
    List<Instruction> ins = parse(dockerfile(s));
    List<String> steps =
        ins.stream()
            .map(
                i ->
                    switch (i.keyword()) {
                      case "COPY" ->
                          copySources(i).stream().anyMatch(src -> src.endsWith(".war"))
                              ? "war"
                              : copySources(i).stream()
                                      .anyMatch(
                                          src ->
                                              src.endsWith("server.xml")
                                                  || src.contains("liberty-fragments"))
                                  ? "config"
                                  : "other";
                      case "RUN" ->
                          i.args().contains("features.sh")
                              ? "features"
                              : i.args().contains("configure.sh") ? "configure" : "run";
                      default -> "";
                    })
            .filter(x -> !x.isEmpty())
            .toList();
    int lastConfig = steps.lastIndexOf("config");
    int features = steps.indexOf("features");
    int war = steps.indexOf("war");
    int configure = steps.indexOf("configure");
    assertTrue(
        lastConfig >= 0 && features > lastConfig,
        s.module()
            + "/Dockerfile: RUN features.sh must follow the server.xml and fragment COPYs: "
            + steps);
    assertTrue(
        war > features && configure > war,
        s.module()
            + "/Dockerfile: the WAR goes in after features.sh and before configure.sh: "
            + steps);
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void baseImageIsPinnedToTheBuildsLibertyVersion(Service s) {
    List<Instruction> ins = parse(dockerfile(s));
    List<Instruction> from = ins.stream().filter(i -> i.keyword().equals("FROM")).toList();
    assertEquals(1, from.size(), s.module() + "/Dockerfile: one stage expected");
    String image = from.get(0).args().split("\\s+")[0];
    String tag = ImagesTest.tagOf(image);
    assertTrue(
        tag != null && !tag.equals("latest"),
        s.module() + "/Dockerfile: base image must have an explicit tag: " + image);
    assertTrue(
        image.startsWith("icr.io/appcafe/open-liberty:"),
        s.module() + "/Dockerfile: base image " + image);
    String version = rootPomProperty("openliberty.version");
    assertTrue(
        tag.startsWith(version + "-"),
        s.module()
            + "/Dockerfile: base image "
            + image
            + " is not Open Liberty "
            + version
            + " (root pom openliberty.version)");
    assertTrue(
        tag.contains("kernel-slim"),
        s.module()
            + "/Dockerfile: use a kernel-slim image (features.sh installs only what server.xml needs)");
    String user =
        ins.stream()
            .filter(i -> i.keyword().equals("USER"))
            .reduce((a, b) -> b)
            .map(Instruction::args)
            .orElse("1001");
    assertNotEquals("root", user);
    assertNotEquals("0", user);
    List<String> exposed =
        ins.stream().filter(i -> i.keyword().equals("EXPOSE")).map(Instruction::args).toList();
    assertEquals(
        List.of(String.valueOf(s.httpPort())),
        exposed,
        s.module() + "/Dockerfile: EXPOSE the server.xml http.port");
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void serverXmlReferencesWhatTheImageContains(Service s) {
    var doc = ServiceFiles.parse(ServiceFiles.serverXml(s));
    NodeList includes = doc.getElementsByTagName("include");
    for (int i = 0; i < includes.getLength(); i++) {
      String location = ((Element) includes.item(i)).getAttribute("location");
      if (location.startsWith("liberty-fragments/")) {
        Path fragment =
            Repo.path("liberty-config/src/main/liberty/fragments")
                .resolve(location.substring("liberty-fragments/".length()));
        assertTrue(
            Files.isRegularFile(fragment),
            ServiceFiles.serverXml(s)
                + " includes "
                + location
                + " but liberty-config has no "
                + fragment);
      }
    }
    NodeList apps = doc.getElementsByTagName("webApplication");
    assertEquals(1, apps.getLength());
    assertEquals(
        ServiceFiles.warName(s),
        ((Element) apps.item(0)).getAttribute("location"),
        ServiceFiles.serverXml(s)
            + ": the application location must be the WAR the Dockerfile copies");
    String rootPom = Repo.read(Repo.path("pom.xml"));
    assertTrue(
        rootPom.contains("<location>jdbc</location>")
            && rootPom.contains("<artifactId>postgresql</artifactId>")
            && rootPom.contains("<stripVersion>true</stripVersion>"),
        "the root pom's liberty-maven-plugin copyDependencies no longer puts postgresql.jar into jdbc/ (the Dockerfiles copy jdbc/postgresql.jar)");
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void dockerignoreLetsTheCopiedFilesThrough(Service s) {
    List<String> lines =
        Repo.read(Repo.path(".dockerignore"))
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertFalse(lines.isEmpty(), ".dockerignore is empty");
    assertTrue(
        lines.get(0).equals("*") || lines.get(0).equals("**"),
        ".dockerignore should exclude everything first and whitelist the build output");
    Set<String> allowed = new TreeSet<>();
    lines.stream()
        .filter(l -> l.startsWith("!"))
        .forEach(l -> allowed.add(l.substring(1).replaceAll("/+$", "")));
    for (Instruction i : parse(dockerfile(s))) {
      if (i.keyword().equals("COPY")) {
        for (String src : copySources(i)) {
          assertTrue(
              allowed.contains(src.replaceAll("/+$", "")),
              ".dockerignore excludes " + src + ", which " + s.module() + "/Dockerfile copies");
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void copiedFilesExistAfterTheMavenBuild(Service s) {
    Path serverDir = Repo.path(ServiceFiles.builtServerDir(s));
    Assumptions.assumeTrue(
        Files.isDirectory(serverDir),
        serverDir
            + " is not built in this run (it is in a full `./mvnw verify`, where "
            + s.module()
            + " is packaged before deploy-tests); the path layout itself is checked by copiesExactlyTheServerTheBuildAssembles");
    for (Instruction i : parse(dockerfile(s))) {
      if (i.keyword().equals("COPY")) {
        for (String src : copySources(i)) {
          assertTrue(
              Files.exists(Repo.path(src)),
              s.module() + "/Dockerfile copies " + src + ", which the Maven build did not produce");
        }
      }
    }
  }
}
