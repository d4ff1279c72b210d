package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port helpers. */
public final class Ports {

  private Ports() {}

  /** A port that is free right now (for tests that must not collide with a running stack). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void requireFree(String what, int port) {
    if (inUse(port)) {
      throw new IllegalStateException(
          "Port "
              + port
              + " for "
              + what
              + " is already in use: is another stack running? Stop it or choose other ports.");
    }
  }
}
