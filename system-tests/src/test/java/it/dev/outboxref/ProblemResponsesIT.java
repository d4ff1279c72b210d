package it.dev.outboxref;

import static it.dev.outboxref.support.Problems.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every error of the REST APIs is application/problem+json (RFC 9457) with a useful detail. */
@ExtendWith(StackExtension.class)
class ProblemResponsesIT {

  @Test
  void anIdThatIsNotAUuidIs400NamingTheParameter(Stack stack) {
    JsonObject problem =
        problem(Http.get(stack.userService().baseUrl() + Service.USER.apiPath() + "/42"), 400);
    assertTrue(problem.getString("detail").contains("'id' must be a UUID"), problem.toString());
  }

  @Test
  void unknownUserAndPostAre404(Stack stack) {
    UUID id = UUID.randomUUID();
    JsonObject user =
        problem(Http.get(stack.userService().baseUrl() + Service.USER.apiPath() + "/" + id), 404);
    assertEquals("User " + id + " does not exist.", user.getString("detail"));
    JsonObject post =
        problem(Http.get(stack.postService().baseUrl() + Service.POST.apiPath() + "/" + id), 404);
    assertEquals("Post " + id + " does not exist.", post.getString("detail"));
  }

  @Test
  void unknownPathAndWrongMethodAreProblemsToo(Stack stack) {
    problem(Http.get(stack.userService().baseUrl() + "/api/nothing-here"), 404);
    HttpResponse<String> delete =
        Http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        stack.postService().baseUrl()
                            + Service.POST.apiPath()
                            + "/"
                            + UUID.randomUUID()
                            + "/x"))
                .DELETE());
    problem(delete, 404);
  }
}
