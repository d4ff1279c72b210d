package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import dev.outboxref.descriptor.Service;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A service's own files, where the truth the manifests are checked against is written: its pom,
 * server.xml and microprofile-config.properties. {@link ServiceDescriptorTest} checks the
 * descriptor ({@link Service}) against them, so the other tests may use the descriptor.
 */
final class ServiceFiles {

  private ServiceFiles() {}

  static Path serverXml(Service s) {
    return Repo.path(s.module() + "/src/main/liberty/config/server.xml");
  }

  static Path pom(Service s) {
    return Repo.path(s.module() + "/pom.xml");
  }

  static Path microprofileConfig(Service s) {
    return Repo.path(s.module() + "/src/main/resources/META-INF/microprofile-config.properties");
  }

  /** The WAR file name Liberty deploys: {@code <finalName>.war} of the module's pom. */
  static String warName(Service s) {
    return pomText(s, "finalName") + ".war";
  }

  /** The server directory the Maven build assembles, relative to the repository root. */
  static String builtServerDir(Service s) {
    return s.module() + "/target/liberty/wlp/usr/servers/" + s.serverName();
  }

  /**
   * The default value of a {@code <variable name=... defaultValue=...>} in the service's
   * server.xml.
   */
  static String serverVariable(Service s, String name) {
    NodeList vars = parse(serverXml(s)).getElementsByTagName("variable");
    for (int i = 0; i < vars.getLength(); i++) {
      Element v = (Element) vars.item(i);
      if (name.equals(v.getAttribute("name"))) {
        String value =
            v.hasAttribute("defaultValue")
                ? v.getAttribute("defaultValue")
                : v.getAttribute("value");
        if (!value.isBlank()) {
          return value.trim();
        }
      }
    }
    return fail(serverXml(s) + " defines no variable " + name + " with a default value");
  }

  /** The text of the first element of this name in the module's pom (e.g. artifactId). */
  static String pomText(Service s, String tag) {
    Path pom = pom(s);
    NodeList nodes = parse(pom).getElementsByTagName(tag);
    if (nodes.getLength() == 0 || nodes.item(0).getTextContent().isBlank()) {
      return fail(pom + " has no <" + tag + ">");
    }
    return nodes.item(0).getTextContent().trim();
  }

  /** The module's own {@code <artifactId>} (not its parent's). */
  static String artifactId(Service s) {
    Document pom = parse(pom(s));
    NodeList children = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("artifactId")) {
        return e.getTextContent().trim();
      }
    }
    return fail(pom(s) + " has no <artifactId>");
  }

  /** A property of the module's META-INF/microprofile-config.properties. */
  static String configProperty(Service s, String name) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Repo.read(microprofileConfig(s))));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String value = p.getProperty(name);
    return value == null ? fail(microprofileConfig(s) + " has no " + name) : value.trim();
  }

  static Document parse(Path xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(Repo.read(xml).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("cannot parse " + xml + ": " + e.getMessage(), e);
    }
  }
}
