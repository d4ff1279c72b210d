package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.descriptor.Service;
import dev.outboxref.stack.LibertyServer;
import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StackExtension.class)
class OpenApiIT {

  @Test
  void userServiceDocumentsItsApi(Stack stack) {
    JsonObject doc = document(stack.userService());
    assertEquals("User service", doc.getJsonObject("info").getString("title"));
    JsonObject get =
        doc.getJsonObject("paths")
            .getJsonObject(Service.USER.apiPath() + "/{id}")
            .getJsonObject("get");
    assertEquals("Get one user", get.getString("summary"));
    assertTrue(get.getJsonObject("responses").containsKey("404"), get.toString());
  }

  @Test
  void postServiceDocumentsItsApi(Stack stack) {
    JsonObject doc = document(stack.postService());
    assertEquals("Post service", doc.getJsonObject("info").getString("title"));
    assertTrue(
        doc.getJsonObject("paths").containsKey(Service.POST.apiPath() + "/{id}"),
        doc.getJsonObject("paths").toString());
  }

  @Test
  void bothListsDocumentKeysetPagesWithoutPageOrSize(Stack stack) {
    for (var list :
        new Object[][] {
          {stack.userService(), Service.USER.apiPath()},
          {stack.postService(), Service.POST.apiPath()}
        }) {
      JsonObject get =
          document((LibertyServer) list[0])
              .getJsonObject("paths")
              .getJsonObject((String) list[1])
              .getJsonObject("get");
      List<String> parameters =
          get.getJsonArray("parameters").stream()
              .map(p -> p.asJsonObject().getString("name"))
              .toList();
      assertTrue(parameters.containsAll(List.of("cursor", "limit")), parameters.toString());
      assertFalse(
          parameters.contains("page") || parameters.contains("size"), parameters.toString());
      assertTrue(get.getString("description").contains("'page' and 'size'"), get.toString());
    }
  }

  @Test
  void bothServeTheOpenApiUi(Stack stack) {
    for (LibertyServer service : new LibertyServer[] {stack.userService(), stack.postService()}) {
      HttpResponse<String> ui = Http.get(service.baseUrl() + "/openapi/ui/");
      assertEquals(200, ui.statusCode(), service.instance());
      assertTrue(Http.contentType(ui).startsWith("text/html"), Http.contentType(ui));
    }
  }

  private static JsonObject document(LibertyServer service) {
    HttpResponse<String> response = Http.get(service.baseUrl() + "/openapi?format=JSON");
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }
}
