package dev.outboxref.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port helpers. */
public final class Ports {

  private Ports() {}

  /**
   * That many distinct ports, free right now (for servers that must not collide with a running
   * stack): all are held open together while they are picked, since a port closed a moment ago may
   * be handed out again.
   */
  public static int[] free(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException e) {
            // closing a listening socket we opened: nothing to do
          }
        }
      }
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
