package dev.outboxref.post.userdirectory;

import dev.outboxref.post.application.Author;
import dev.outboxref.post.application.AuthorDirectory;
import dev.outboxref.post.application.PostRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The user directory as the use cases see it: {@link UserDirectoryClient#getUser} with its
 * failures, Fault Tolerance's included, turned into the application's refusal.
 */
@ApplicationScoped
public class DirectoryAuthors implements AuthorDirectory {

  @Inject UserDirectoryClient client;

  @Override
  public Optional<Author> find(UUID userId) {
    try {
      return client.getUser(userId).map(DirectoryUser::author);
    } catch (CircuitBreakerOpenException e) {
      throw PostRefusal.directoryUnavailable(
          "the user service failed repeatedly, calls to it are paused", e);
    } catch (TimeoutException e) {
      throw PostRefusal.directoryUnavailable("the user service did not answer in time", e);
    } catch (UserServiceException e) {
      throw PostRefusal.directoryUnavailable(e.getMessage(), e);
    }
  }
}
