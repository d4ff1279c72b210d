package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A service as its module defines it: the truth the manifests are checked against. Ports, database
 * name and role come from the module's server.xml variables; the Liberty server name and WAR name
 * from its pom, so a change there that the manifests or Dockerfiles miss fails a test.
 */
enum LibertyService {
  USER("user-service", "user-war"),
  POST("post-service", "post-war");

  /** Kubernetes name of the Deployment, Service, ServiceAccount and KafkaUser. */
  final String k8sName;

  final String module;

  LibertyService(String k8sName, String module) {
    this.k8sName = k8sName;
    this.module = module;
  }

  Path serverXml() {
    return Repo.path(module + "/src/main/liberty/config/server.xml");
  }

  int httpPort() {
    return Integer.parseInt(serverVariable("http.port"));
  }

  String dbName() {
    return serverVariable("db.name");
  }

  String dbUser() {
    return serverVariable("db.user");
  }

  /**
   * {@code <liberty.server.name>} of the module pom (the server directory under target/liberty).
   */
  String libertyServerName() {
    return pomText("liberty.server.name");
  }

  /** The WAR file name Liberty deploys: {@code <finalName>.war}. */
  String warName() {
    return pomText("finalName") + ".war";
  }

  /** The server directory the Maven build assembles, relative to the repository root. */
  String builtServerDir() {
    return module + "/target/liberty/wlp/usr/servers/" + libertyServerName();
  }

  /**
   * The default value of a {@code <variable name=... defaultValue=...>} in the service's
   * server.xml.
   */
  String serverVariable(String name) {
    NodeList vars = parse(serverXml()).getElementsByTagName("variable");
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
    return fail(serverXml() + " defines no variable " + name + " with a default value");
  }

  private String pomText(String tag) {
    Path pom = Repo.path(module + "/pom.xml");
    NodeList nodes = parse(pom).getElementsByTagName(tag);
    if (nodes.getLength() == 0 || nodes.item(0).getTextContent().isBlank()) {
      return fail(pom + " has no <" + tag + ">");
    }
    return nodes.item(0).getTextContent().trim();
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
