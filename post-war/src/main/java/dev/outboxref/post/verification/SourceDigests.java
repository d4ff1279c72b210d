package dev.outboxref.post.verification;

import dev.outboxref.post.userdirectory.UserDirectoryClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The user service's side: its directory's DigestUsers and ListUserDigests over gRPC. */
@ApplicationScoped
public class SourceDigests implements DigestSource {

  @Inject UserDirectoryClient directory;

  private final AtomicLong bytesReceived = new AtomicLong();

  /**
   * Bytes of the answers received so far, for the pass's report (a method: through the CDI proxy a
   * field would read the proxy's own).
   */
  public long bytesReceived() {
    return bytesReceived.get();
  }

  @Override
  public List<Bucket> buckets(String prefix, int digits) {
    var answer = directory.digestUsers(prefix, digits);
    bytesReceived.addAndGet(answer.getSerializedSize());
    return answer.getBucketsList().stream()
        .map(bucket -> new Bucket(bucket.getPrefix(), bucket.getUsers(), bucket.getDigest()))
        .toList();
  }

  @Override
  public List<Entry> entries(String prefix) {
    var answer = directory.listUserDigests(prefix);
    bytesReceived.addAndGet(answer.getSerializedSize());
    return answer.getUsersList().stream()
        .map(
            user ->
                new Entry(UUID.fromString(user.getUserId()), user.getVersion(), user.getDigest()))
        .toList();
  }
}
