package dev.outboxref.bench;

import dev.outboxref.stack.Stack;
import java.util.Map;

/**
 * Where the time of a change goes on its way from the request to the replica, hop by hop, each
 * timed by the part that did it: the load generator's send, userdb's commit ({@link CommitTimes}),
 * the broker's append ({@link AppendTimes}, LogAppendTime, whole milliseconds) and postdb's commit
 * of the replica's row. Every clock is this machine's. For the users of one label, each changed
 * once.
 */
record Hops(
    Latencies requestToCommit,
    Latencies commitToAppend,
    Latencies appendToReplica,
    Latencies commitToReplica,
    Latencies requestToReplica,
    long firstSentMicros,
    long lastReplicaMicros) {

  /** The hops of every change of a label whose request, commit, append and replica row are in. */
  static Hops of(Stack stack, String label, Map<String, Long> sentMicros, AppendTimes.Observed seen)
      throws Exception {
    Map<String, Long> committed = CommitTimes.of(stack, label);
    Map<String, Long> applied = CommitTimes.ofReplica(stack, label);
    Latencies requestToCommit = new Latencies();
    Latencies commitToAppend = new Latencies();
    Latencies appendToReplica = new Latencies();
    Latencies commitToReplica = new Latencies();
    Latencies requestToReplica = new Latencies();
    long firstSent = Long.MAX_VALUE;
    long lastReplica = Long.MIN_VALUE;
    for (AppendTimes.Sample s : seen.samples()) {
      Long sent = sentMicros.get(s.userId());
      Long commit = committed.get(s.userId());
      Long replica = applied.get(s.userId());
      if (sent == null || commit == null || replica == null) {
        throw new IllegalStateException("user " + s.userId() + " lacks a time of some hop");
      }
      long append = s.appendedMillis() * 1000;
      requestToCommit.add(commit - sent);
      commitToAppend.add(append - commit);
      appendToReplica.add(replica - append);
      commitToReplica.add(replica - commit);
      requestToReplica.add(replica - sent);
      firstSent = Math.min(firstSent, sent);
      lastReplica = Math.max(lastReplica, replica);
    }
    return new Hops(
        requestToCommit,
        commitToAppend,
        appendToReplica,
        commitToReplica,
        requestToReplica,
        firstSent,
        lastReplica);
  }

  /** Changes per second end to end: from the first request sent to the last replica commit. */
  double replicaRate() {
    return requestToReplica.count() / ((lastReplicaMicros - firstSentMicros) / 1e6);
  }

  /** The sum of the three hops' medians, which the end-to-end median is held against. */
  double sumOfHopMediansMs() {
    return requestToCommit.percentileMs(0.5)
        + commitToAppend.percentileMs(0.5)
        + appendToReplica.percentileMs(0.5);
  }

  /** A Markdown table of the hops' percentiles. */
  String table() {
    StringBuilder t =
        new StringBuilder(
            "| hop | events | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|\n");
    row(t, "request sent to userdb commit", requestToCommit);
    row(t, "userdb commit to broker append", commitToAppend);
    row(t, "broker append to postdb commit (replica)", appendToReplica);
    row(t, "userdb commit to replica commit", commitToReplica);
    row(t, "request sent to replica commit (end to end)", requestToReplica);
    double sum = sumOfHopMediansMs();
    t.append(
        String.format(
            "%nEnd-to-end p50 %.1f ms against the sum of the three hops' p50s %.1f ms: %.2fx.%n",
            requestToReplica.percentileMs(0.5), sum, requestToReplica.percentileMs(0.5) / sum));
    return t.toString();
  }

  private static void row(StringBuilder t, String hop, Latencies l) {
    t.append(
        String.format(
            "| %s | %d | %.1f | %.1f | %.1f |%n",
            hop, l.count(), l.percentileMs(0.5), l.percentileMs(0.95), l.percentileMs(0.99)));
  }
}
