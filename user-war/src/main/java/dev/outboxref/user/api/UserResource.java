package dev.outboxref.user.api;

import dev.outboxref.platform.auth.Caller;
import dev.outboxref.platform.auth.SignedIn;
import dev.outboxref.platform.paging.CursorPage;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.platform.rest.RequestParams;
import dev.outboxref.user.application.Registration;
import dev.outboxref.user.application.SignIn;
import dev.outboxref.user.application.UserRefusal;
import dev.outboxref.user.application.UserService;
import dev.outboxref.user.domain.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The users API. The ETag of a user is its version; send it back in If-Match to change or delete
 * the user only if nobody changed it in between (412 otherwise). Registration and reading are open;
 * a user's email is shown to that user only, and only that user may change or delete them (the use
 * cases' rule; this class only says who is calling).
 *
 * <p>Longer than the other classes on purpose: about half of it is the OpenAPI annotations that
 * document each operation next to its code; each operation itself is a few lines.
 */
@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

  @Inject UserService users;
  @Inject SignIn signIn;
  @Inject Registration registration;
  @Inject ClientAddresses clientAddresses;
  @Context HttpServletRequest http;
  @Inject Caller caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a user",
      description =
          "Stores the user with a salted PBKDF2 hash of the password and publishes UserRegistered"
              + " (version 1). The password is never returned, logged or published.")
  @APIResponse(responseCode = "201", description = "Registered; Location names the new user")
  @APIResponse(
      responseCode = "400",
      description = "Invalid fields (problem+json with an errors list)")
  @APIResponse(responseCode = "409", description = "The email (any case) is taken")
  @APIResponse(responseCode = "413", description = "Body too large")
  @APIResponse(
      responseCode = "429",
      description = "Too many registrations from this address or in total; see Retry-After")
  @APIResponse(
      responseCode = "503",
      description = "Too many password hashes at once; see Retry-After")
  public Response register(
      @NotNull(message = "a JSON body is required") @Valid RegisterUserRequest request,
      @Context UriInfo uri) {
    char[] password = request.password().toCharArray();
    User user;
    try {
      user =
          registration.register(
              request.email().trim(),
              request.name().trim(),
              request.nickname(),
              password,
              clientAddresses.of(http));
    } finally {
      Arrays.fill(password, '\0');
    }
    return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build())
        .tag(etag(user))
        .entity(UserResponse.of(user, true))
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "Get one user",
      description =
          "The user's profile and current version; the email only to the user themself (with"
              + " their token); never the password.")
  @APIResponse(responseCode = "200", description = "The user; ETag = its version")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID (application/problem+json)")
  @APIResponse(responseCode = "404", description = "No such user (application/problem+json)")
  public Response get(@Parameter(description = "User id (UUID)") @PathParam("id") String id) {
    UUID userId = Problems.parseUuid("id", id);
    User user = users.find(userId).orElseThrow(() -> UserRefusal.notFound(userId));
    return Response.ok(UserResponse.of(user, isCaller(user))).tag(etag(user)).build();
  }

  @GET
  @Operation(
      summary = "List users",
      description =
          "Oldest first (creation time, then id), emails only of the caller. Keyset pages: at most"
              + " 'limit' users and, unless it is the last page, 'next', an opaque cursor; ask for"
              + " the following page with ?cursor=<next> (same limit or another). No total count."
              + " The offset parameters 'page' and 'size' of earlier versions answer 400.")
  @APIResponse(
      responseCode = "200",
      description = "A page of users; 'next' is absent on the last page")
  @APIResponse(
      responseCode = "400",
      description =
          "limit out of range or not a number, a cursor this API did not issue, or 'page'/'size'"
              + " (application/problem+json)")
  public CursorPage<UserResponse> list(
      @Parameter(description = "the 'next' of the page before; absent for the first page")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "the most users answered, 1 to 100, default 20") @QueryParam("limit")
          String limit,
      @Parameter(hidden = true) @QueryParam("page") String page,
      @Parameter(hidden = true) @QueryParam("size") String size) {
    return users
        .list(RequestParams.cursor(cursor, limit, page, size))
        .map(user -> UserResponse.of(user, isCaller(user)));
  }

  @PATCH
  @Path("/{id}")
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(
      summary = "Change name and/or nickname",
      description =
          "Only by the user themself. Publishes UserProfileChanged with the next version; a change"
              + " to the same values is a no-op.")
  @APIResponse(responseCode = "200", description = "The changed user; ETag = its new version")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(responseCode = "403", description = "The token is another user's")
  @APIResponse(responseCode = "404", description = "No such user")
  @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
  public Response changeProfile(
      @PathParam("id") String id,
      @Parameter(description = "the ETag read before, e.g. \"3\"")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @NotNull(message = "a JSON body is required") @Valid ChangeProfileRequest request) {
    UUID userId = Problems.parseUuid("id", id);
    UUID callerId = caller.require();
    User user =
        users.changeProfile(
            callerId,
            userId,
            () -> RequestParams.expectedVersion(ifMatch),
            request.name() == null ? null : request.name().trim(),
            request.nickname());
    return Response.ok(UserResponse.of(user, true)).tag(etag(user)).build();
  }

  @PUT
  @Path("/{id}/password")
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change the password",
      description =
          "Only by the user themself, with the current password. Every token issued before is"
              + " refused from then on (here at once, by the post service once the event reaches"
              + " it). Publishes UserCredentialsChanged with the next version and credential"
              + " version; no password or hash ever leaves this service.")
  @APIResponse(responseCode = "204", description = "Changed")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(
      responseCode = "403",
      description = "The token is another user's, or the current password is wrong")
  @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
  public Response changePassword(
      @PathParam("id") String id,
      @NotNull(message = "a JSON body is required") @Valid ChangePasswordRequest request) {
    UUID userId = Problems.parseUuid("id", id);
    UUID callerId = caller.require();
    char[] current = request.currentPassword().toCharArray();
    char[] next = request.newPassword().toCharArray();
    try {
      signIn.changePassword(callerId, userId, current, next);
    } finally {
      Arrays.fill(current, '\0');
      Arrays.fill(next, '\0');
    }
    return Response.noContent().build();
  }

  @DELETE
  @Path("/{id}")
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Delete a user",
      description =
          "Only by the user themself, with the current password in the body (a stolen token alone"
              + " deletes nobody); their tokens are refused from then on. Publishes UserDeleted."
              + " Deleting is idempotent in effect: a second DELETE finds no user and answers 404"
              + " (or 401 with the deleted user's token), which a client retrying may treat as done.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "400", description = "No body or no current password")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(
      responseCode = "403",
      description = "The token is another user's, or the current password is wrong")
  @APIResponse(responseCode = "404", description = "No such user (or already deleted)")
  @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
  @APIResponse(responseCode = "429", description = "Too many wrong passwords; see Retry-After")
  public Response delete(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @NotNull(message = "a JSON body with currentPassword is required") @Valid
          DeleteUserRequest request) {
    UUID userId = Problems.parseUuid("id", id);
    UUID callerId = caller.require();
    char[] current = request.currentPassword().toCharArray();
    try {
      signIn.deleteAccount(callerId, userId, () -> RequestParams.expectedVersion(ifMatch), current);
    } finally {
      Arrays.fill(current, '\0');
    }
    return Response.noContent().build();
  }

  private boolean isCaller(User user) {
    return caller.userId().filter(user.id()::equals).isPresent();
  }

  static EntityTag etag(User user) {
    return new EntityTag(Long.toString(user.version()));
  }
}
