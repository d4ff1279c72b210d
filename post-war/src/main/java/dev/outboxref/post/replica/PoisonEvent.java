package dev.outboxref.post.replica;

/**
 * A record that can never be applied as it is: undecodable, of an unknown type, or invalid. It is
 * parked (see {@code ParkedEvents}), not retried: retrying cannot change the outcome.
 */
public class PoisonEvent extends Exception {

  public PoisonEvent(String reason) {
    super(reason, null, false, false);
  }
}
