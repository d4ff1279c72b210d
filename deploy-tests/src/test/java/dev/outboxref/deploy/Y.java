package dev.outboxref.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML parsing and navigation over the plain maps/lists SnakeYAML produces. */
final class Y {

  private Y() {}

  static List<Map<String, Object>> parseAll(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(16 * 1024 * 1024);
    Yaml parser = new Yaml(new SafeConstructor(options));
    List<Map<String, Object>> docs = new ArrayList<>();
    try {
      for (Object doc : parser.loadAll(yaml)) {
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map<?, ?>)) {
          fail(source + ": a YAML document is not a mapping: " + doc);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) doc;
        docs.add(m);
      }
    } catch (RuntimeException e) {
      throw new AssertionError(source + " is not valid YAML: " + e.getMessage(), e);
    }
    return docs;
  }

  /** The value at a path of map keys (String) and list indexes (Integer), or null. */
  static Object at(Object node, Object... path) {
    Object cur = node;
    for (Object step : path) {
      if (cur == null) {
        return null;
      }
      if (step instanceof Integer i) {
        if (!(cur instanceof List<?> l) || i >= l.size()) {
          return null;
        }
        cur = l.get(i);
      } else {
        if (!(cur instanceof Map<?, ?> m)) {
          return null;
        }
        cur = m.get(step);
      }
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, Object... path) {
    Object v = at(node, path);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, Object... path) {
    Object v = at(node, path);
    return v instanceof List<?> ? (List<Object>) v : List.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object node, Object... path) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : list(node, path)) {
      if (o instanceof Map<?, ?>) {
        out.add((Map<String, Object>) o);
      }
    }
    return out;
  }

  static String str(Object node, Object... path) {
    Object v = at(node, path);
    return v == null ? null : String.valueOf(v);
  }

  static List<String> strings(Object node, Object... path) {
    return list(node, path).stream().map(String::valueOf).toList();
  }

  static String kind(Map<String, Object> o) {
    return str(o, "kind");
  }

  static String name(Map<String, Object> o) {
    return str(o, "metadata", "name");
  }

  static String namespace(Map<String, Object> o) {
    return str(o, "metadata", "namespace");
  }

  static String id(Map<String, Object> o) {
    return kind(o) + " " + (namespace(o) == null ? "" : namespace(o) + "/") + name(o);
  }
}
