package dev.outboxref.user.api;

import dev.outboxref.user.application.SignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in: an email and password for a short-lived access token (a JWT, RS256). */
@Path("/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sign-in")
public class AuthResource {

  @Inject SignIn signIn;

  @Inject ClientAddresses clientAddresses;

  @Context HttpServletRequest http;

  @POST
  @Path("/token")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in",
      description =
          "Answers an access token for the user with this email and password. Send it as"
              + " 'Authorization: Bearer <access_token>' to change what is yours at either service."
              + " Its public keys are at /.well-known/jwks.json.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in: access_token, token_type, expires_in")
  @APIResponse(responseCode = "400", description = "No email or password")
  @APIResponse(
      responseCode = "401",
      description = "The email or password is wrong (one answer for both)")
  @APIResponse(
      responseCode = "429",
      description =
          "Too many failed sign-ins from this address, or for this email from this address, or"
              + " the email's delay after its failures has not passed; see Retry-After")
  @APIResponse(
      responseCode = "503",
      description = "Too many password checks at once, or sign-in is off; see Retry-After")
  public Response token(
      @NotNull(message = "a JSON body is required") @Valid SignInRequest request) {
    char[] password = request.password().toCharArray();
    try {
      String client = clientAddresses.of(http);
      return Response.ok(TokenResponse.of(signIn.signIn(request.email(), password, client)))
          .cacheControl(noStore())
          .build();
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** RFC 6749 5.1: a token response must not be cached. */
  private static CacheControl noStore() {
    CacheControl cacheControl = new CacheControl();
    cacheControl.setNoStore(true);
    return cacheControl;
  }
}
