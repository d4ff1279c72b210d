package dev.outboxref.user.directory;

import dev.outboxref.user.domain.User;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code StreamUsers} call, driven by gRPC flow control: each time the call is ready (the
 * client reads and the transport takes more) {@link #send} sends users until it is not ready any
 * more, reading the next page (one short transaction) when the one in hand is sent, and returns.
 * While a client does not read, nothing runs for its stream: no thread waits, nothing polls, and no
 * transaction or cursor is open, only the rest of one page is held. The stream ends at its deadline
 * with DEADLINE_EXCEEDED, or when the client cancels; either way its place among the concurrent
 * streams is given back.
 *
 * <p>Liberty's transport does not always say "not ready": when the client's HTTP/2 window is full,
 * a send may instead block inside Liberty's write until the client reads or the endpoint's write
 * timeout ({@code httpOptions writeTimeout}, {@code HTTP_WRITE_TIMEOUT}, 60 s by default) resets
 * the stream. Such a stream keeps its place among the concurrent streams until the write returns,
 * so that the limit also bounds the threads stalled clients can hold.
 *
 * <p>The call's own executor runs {@link #send} and the cancel handler, a timer thread {@link
 * #expire}: the observer is not thread-safe, so every use of it is under {@link #lock}. The timer
 * never waits for it: if a send holds it, the send ends the stream when its write returns.
 */
final class UserStream {

  private static final Logger LOG = Logger.getLogger(UserStream.class.getName());

  private final ServerCallStreamObserver<dev.outboxref.proto.users.v1.User> call;
  private final UserSource source;
  private final int pageSize;
  private final UserStreams streams;
  private final ArrayDeque<User> page = new ArrayDeque<>();
  private UUID after;
  private boolean lastPageRead;
  private boolean ended;
  private Duration deadline;
  private ScheduledFuture<?> timer;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean expired;

  UserStream(
      ServerCallStreamObserver<dev.outboxref.proto.users.v1.User> call,
      UserSource source,
      int pageSize,
      UserStreams streams,
      UUID after) {
    this.call = call;
    this.source = source;
    this.pageSize = pageSize;
    this.streams = streams;
    this.after = after;
  }

  /**
   * Starts sending; called from the service method, which must register the handlers before it
   * returns. The stream has already taken its place in {@code streams}.
   */
  void start(Duration deadline) {
    lock.lock();
    try {
      this.deadline = deadline;
      call.setOnCancelHandler(this::cancelled);
      call.setOnReadyHandler(this::send);
      timer = streams.after(deadline, this::expire);
    } finally {
      lock.unlock();
    }
    send();
  }

  /** Sends while the call is ready; the on-ready handler. */
  void send() {
    lock.lock();
    try {
      sendWhileReady();
    } finally {
      lock.unlock();
    }
    if (expired) {
      expire();
    }
  }

  private void sendWhileReady() {
    try {
      while (!ended && call.isReady()) {
        if (expired) {
          endAtDeadline();
          return;
        }
        if (page.isEmpty()) {
          if (lastPageRead) {
            end();
            call.onCompleted();
            return;
          }
          List<User> next = source.pageAfter(after, pageSize);
          lastPageRead = next.size() < pageSize;
          if (!next.isEmpty()) {
            after = next.get(next.size() - 1).id();
          }
          page.addAll(next);
          continue;
        }
        call.onNext(UserMessages.of(page.poll()));
      }
    } catch (RuntimeException e) {
      if (!ended) {
        end();
        LOG.log(Level.WARNING, "StreamUsers failed after user " + after, e);
        call.onError(
            Status.UNAVAILABLE
                .withDescription(
                    "Reading the users failed; resume with after_user_id = the last user received.")
                .asRuntimeException());
      }
    }
  }

  /**
   * The deadline passed: ends the stream now, or, while a send holds the stream, as soon as that
   * send returns (the timer's task; it never waits).
   */
  void expire() {
    expired = true;
    if (lock.tryLock()) {
      try {
        endAtDeadline();
      } finally {
        lock.unlock();
      }
    }
  }

  private void endAtDeadline() {
    if (ended) {
      return;
    }
    end();
    call.onError(
        Status.DEADLINE_EXCEEDED
            .withDescription(
                "The stream ran "
                    + deadline.toSeconds()
                    + " s, its deadline; resume with after_user_id = the last user received.")
            .asRuntimeException());
  }

  private void cancelled() {
    lock.lock();
    try {
      if (!ended) {
        end();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Releases what the stream holds: its page, its timer, its place. Once. */
  private void end() {
    ended = true;
    page.clear();
    if (timer != null) {
      timer.cancel(false);
    }
    streams.closed();
  }
}
