package it.dev.outboxref;

import dev.outboxref.stack.Stack;
import dev.outboxref.stack.StackSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the running system: one stack (PostgreSQL, Kafka, both Liberty servers, on free
 * ports, data in target/stack) started on first use and stopped after the last test of the run.
 */
public class StackExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(RunningStack.class, key -> new RunningStack(), RunningStack.class)
        .stack;
  }

  /** Closed by JUnit when the root context closes, i.e. after every test ran. */
  static final class RunningStack implements ExtensionContext.Store.CloseableResource {
    final Stack stack;

    RunningStack() {
      Path dataDirectory = Path.of("target", "stack").toAbsolutePath();
      stack = Stack.start(StackSettings.forTests(dataDirectory).clean());
    }

    @Override
    public void close() {
      stack.close();
    }
  }
}
