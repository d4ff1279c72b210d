package it.dev.outboxref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outboxref.stack.Stack;
import it.dev.outboxref.support.Browser;
import it.dev.outboxref.support.Http;
import it.dev.outboxref.support.StackExtension;
import it.dev.outboxref.support.UsersApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user service's OpenAPI UI as a person uses it, in a real headless Chromium: sign in with "Try
 * it out", put the token into "Authorize", change the profile and see 200.
 */
@ExtendWith(StackExtension.class)
class OpenApiUiIT {

  @Test
  void signInAuthorizeAndChangeTheProfileInTheBrowser(Stack stack, @TempDir Path profile)
      throws Exception {
    JsonObject user = new UsersApi(stack.userService()).register("browser");
    String id = user.getString("id");
    ChromeDriver browser = Browser.start(profile);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    try {
      browser.get(stack.userService().baseUrl() + "/openapi/ui/#/Sign-in/post_api_auth_token");
      WebElement signIn = operation(wait, "Sign-in-post_api_auth_token");
      tryItOut(wait, signIn);
      type(
          signIn.findElement(By.cssSelector("textarea.body-param__text")),
          "{\"email\":\"%s\",\"password\":\"%s\"}"
              .formatted(user.getString("email"), UsersApi.PASSWORD));
      signIn.findElement(By.cssSelector("button.execute")).click();
      assertEquals("200", status(wait, "Sign-in-post_api_auth_token"));
      String answer =
          signIn
              .findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
              .getText();
      String token =
          Json.createReader(new StringReader(answer)).readObject().getString("access_token");

      browser.findElement(By.cssSelector(".auth-wrapper .btn.authorize")).click();
      WebElement dialog =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
      dialog.findElement(By.cssSelector("input")).sendKeys(token);
      dialog.findElement(By.cssSelector("button.authorize")).click();
      dialog.findElement(By.cssSelector("button.btn-done")).click();

      WebElement patch = operation(wait, "Users-patch_api_users__id_");
      patch.findElement(By.cssSelector(".opblock-summary-control")).click();
      tryItOut(wait, patch);
      patch.findElement(By.cssSelector("input[placeholder='id']")).sendKeys(id);
      type(
          patch.findElement(By.cssSelector("textarea.body-param__text")),
          "{\"nickname\":\"clicked\"}");
      patch.findElement(By.cssSelector("button.execute")).click();
      assertEquals("200", status(wait, "Users-patch_api_users__id_"));
      assertTrue(
          patch.findElement(By.cssSelector(".curl")).getText().contains("Authorization: Bearer "),
          "the UI sent the token");
    } finally {
      Files.write(Path.of("target", "openapi-ui.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
    assertEquals(
        "clicked",
        Http.json(new UsersApi(stack.userService()).get("/" + id)).getString("nickname"));
  }

  private static WebElement operation(WebDriverWait wait, String id) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operations-" + id)));
  }

  /** Waits for the operation's "Try it out" button (it appears once the block has expanded). */
  private static void tryItOut(WebDriverWait wait, WebElement operation) {
    WebElement button =
        wait.until(
            ExpectedConditions.presenceOfNestedElementLocatedBy(
                operation, By.cssSelector(".try-out__btn")));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
  }

  /** Replaces a text area's content (clear() does not reach the UI's React state). */
  private static void type(WebElement textArea, String text) {
    textArea.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    textArea.sendKeys(text);
  }

  private static String status(WebDriverWait wait, String operationId) {
    return wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(
                    "#operations-"
                        + operationId
                        + " .live-responses-table tbody .response-col_status")))
        .getText()
        .trim();
  }
}
