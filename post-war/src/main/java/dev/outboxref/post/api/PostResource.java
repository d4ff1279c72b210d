package dev.outboxref.post.api;

import dev.outboxref.platform.auth.Caller;
import dev.outboxref.platform.auth.SignedIn;
import dev.outboxref.platform.paging.CursorPage;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.platform.rest.RequestParams;
import dev.outboxref.post.application.Author;
import dev.outboxref.post.application.Authors;
import dev.outboxref.post.application.PostRefusal;
import dev.outboxref.post.application.PostService;
import dev.outboxref.post.domain.Post;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The posts API. Authors are shown from the replica, so a user's new name shows on all their posts
 * as soon as the event arrives. The ETag of a post is its version (If-Match as in the users API).
 * Reading is open; writing needs an access token, and a post is changed or deleted only by its
 * author.
 */
@Path("/posts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posts")
public class PostResource {

  @Inject PostService posts;
  @Inject Authors authors;
  @Inject Caller caller;

  @POST
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Write a post",
      description =
          "The author is the signed-in caller (authorId may be left out; naming anyone else is a"
              + " 403), a user who exists and is not deleted. A user this service has not heard of"
              + " yet (registered a moment ago) is looked up at the user service.")
  @APIResponse(responseCode = "201", description = "Created; Location names the new post")
  @APIResponse(responseCode = "400", description = "Invalid fields (problem+json)")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(responseCode = "403", description = "authorId names someone else")
  @APIResponse(responseCode = "422", description = "The author does not exist or was deleted")
  @APIResponse(
      responseCode = "503",
      description =
          "The author is unknown here and the user service cannot be asked now; see Retry-After")
  public Response create(
      @NotNull(message = "a JSON body is required") @Valid CreatePostRequest request,
      @Context UriInfo uri) {
    UUID authorId =
        request.authorId() == null
            ? caller.require()
            : caller.requireSelf(request.authorId(), "user " + request.authorId() + " themself");
    Author author = authors.requireActive(authorId);
    Post post = posts.create(authorId, request.title().trim(), request.content());
    return Response.created(uri.getAbsolutePathBuilder().path(post.id().toString()).build())
        .tag(etag(post))
        .entity(PostResponse.of(post, author))
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Get one post")
  @APIResponse(responseCode = "200", description = "The post; ETag = its version")
  @APIResponse(responseCode = "400", description = "The id is not a UUID")
  @APIResponse(responseCode = "404", description = "No such post")
  public Response get(@Parameter(description = "Post id (UUID)") @PathParam("id") String id) {
    UUID postId = Problems.parseUuid("id", id);
    Post post = posts.find(postId).orElseThrow(() -> PostRefusal.postNotFound(postId));
    return Response.ok(withAuthor(post)).tag(etag(post)).build();
  }

  @GET
  @Operation(
      summary = "List posts",
      description =
          "Newest first (creation time, then id); optionally by author. Keyset pages: at most"
              + " 'limit' posts and, unless it is the last page, 'next', an opaque cursor; ask for"
              + " the following page with ?cursor=<next> (same authorId). No total count. The"
              + " offset parameters 'page' and 'size' of earlier versions answer 400.")
  @APIResponse(
      responseCode = "200",
      description = "A page of posts; 'next' is absent on the last page")
  @APIResponse(
      responseCode = "400",
      description =
          "authorId or limit invalid, a cursor this API did not issue, or 'page'/'size'"
              + " (application/problem+json)")
  public CursorPage<PostResponse> list(
      @Parameter(description = "only this author's posts (UUID)") @QueryParam("authorId")
          String authorId,
      @Parameter(description = "the 'next' of the page before; absent for the first page")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "the most posts answered, 1 to 100, default 20") @QueryParam("limit")
          String limit,
      @Parameter(hidden = true) @QueryParam("page") String page,
      @Parameter(hidden = true) @QueryParam("size") String size) {
    UUID author =
        authorId == null || authorId.isBlank() ? null : Problems.parseUuid("authorId", authorId);
    CursorPage<Post> result = posts.list(author, RequestParams.cursor(cursor, limit, page, size));
    Map<UUID, Author> known =
        authors.findAll(result.items().stream().map(Post::authorId).collect(Collectors.toSet()));
    return result.map(post -> PostResponse.of(post, known.get(post.authorId())));
  }

  @PATCH
  @Path("/{id}")
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(summary = "Change title and/or content", description = "Only by the post's author.")
  @APIResponse(responseCode = "200", description = "The changed post; ETag = its new version")
  @APIResponse(responseCode = "400", description = "Invalid fields")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(responseCode = "403", description = "The caller is not the post's author")
  @APIResponse(responseCode = "404", description = "No such post")
  @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
  public Response change(
      @PathParam("id") String id,
      @Parameter(description = "the ETag read before, e.g. \"3\"")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @NotNull(message = "a JSON body is required") @Valid ChangePostRequest request) {
    Post post =
        posts.change(
            caller.require(),
            Problems.parseUuid("id", id),
            RequestParams.expectedVersion(ifMatch),
            request.title() == null ? null : request.title().trim(),
            request.content());
    return Response.ok(withAuthor(post)).tag(etag(post)).build();
  }

  @DELETE
  @Path("/{id}")
  @SignedIn
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Delete a post", description = "Only by the post's author.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "No valid access token")
  @APIResponse(responseCode = "403", description = "The caller is not the post's author")
  @APIResponse(responseCode = "404", description = "No such post (or already deleted)")
  @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
  public Response delete(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    posts.delete(
        caller.require(), Problems.parseUuid("id", id), RequestParams.expectedVersion(ifMatch));
    return Response.noContent().build();
  }

  private PostResponse withAuthor(Post post) {
    return PostResponse.of(post, authors.find(post.authorId()).orElse(null));
  }

  private static EntityTag etag(Post post) {
    return new EntityTag(Long.toString(post.version()));
  }
}
