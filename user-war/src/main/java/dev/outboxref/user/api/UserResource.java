package dev.outboxref.user.api;

import dev.outboxref.platform.rest.Problems;
import dev.outboxref.user.domain.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

  @PersistenceContext(unitName = "userdb")
  EntityManager em;

  @GET
  @Path("/{id}")
  @Operation(
      summary = "Get one user",
      description = "The user's profile and current version; never the password.")
  @APIResponse(responseCode = "200", description = "The user")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID (application/problem+json)")
  @APIResponse(responseCode = "404", description = "No such user (application/problem+json)")
  public UserResponse get(@Parameter(description = "User id (UUID)") @PathParam("id") String id) {
    User user = em.find(User.class, Problems.parseUuid("id", id));
    if (user == null) {
      throw Problems.notFound("User " + id + " does not exist.");
    }
    return UserResponse.of(user);
  }
}
