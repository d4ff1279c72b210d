package dev.outboxref.post.api;

import dev.outboxref.platform.rest.Problems;
import dev.outboxref.post.domain.Post;
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

@Path("/posts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts")
public class PostResource {

  @PersistenceContext(unitName = "postdb")
  EntityManager em;

  @GET
  @Path("/{id}")
  @Operation(summary = "Get one post")
  @APIResponse(responseCode = "200", description = "The post")
  @APIResponse(
      responseCode = "400",
      description = "The id is not a UUID (application/problem+json)")
  @APIResponse(responseCode = "404", description = "No such post (application/problem+json)")
  public PostResponse get(@Parameter(description = "Post id (UUID)") @PathParam("id") String id) {
    Post post = em.find(Post.class, Problems.parseUuid("id", id));
    if (post == null) {
      throw Problems.notFound("Post " + id + " does not exist.");
    }
    return PostResponse.of(post);
  }
}
