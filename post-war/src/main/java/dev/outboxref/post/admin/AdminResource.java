package dev.outboxref.post.admin;

import dev.outboxref.platform.paging.Page;
import dev.outboxref.platform.paging.PageRequest;
import dev.outboxref.platform.rest.Problems;
import dev.outboxref.platform.rest.RequestParams;
import dev.outboxref.post.replica.ReplicaBootstrap;
import dev.outboxref.post.replica.parking.ParkedEvent;
import dev.outboxref.post.replica.parking.ParkedEventReplay;
import dev.outboxref.post.replica.parking.ParkedEvents;
import dev.outboxref.post.userdirectory.UserServiceException;
import dev.outboxref.post.verification.ReplicaVerification;
import dev.outboxref.post.verification.VerificationLedger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Internal operator endpoints (not routed by the API gateway; admin token required): the parking
 * lot of poison events and the replica bootstrap.
 */
@Path("/admin")
@RequestScoped
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin (internal)", description = "Operators only; needs the admin token")
public class AdminResource {

  /** Parked events read per round of a replay of all. */
  static final int REPLAY_BATCH = 100;

  @Inject ParkedEvents parked;
  @Inject ParkedEventReplay replayer;
  @Inject ReplicaBootstrap bootstrap;
  @Inject ReplicaVerification verification;

  @GET
  @Path("/parked-events")
  @Operation(summary = "List parked events (oldest first)")
  public Page<ParkedEventResponse> list(
      @QueryParam("page") String page, @QueryParam("size") String size) {
    PageRequest request = RequestParams.page(page, size);
    return request.of(
        parked.list(request.first(), request.size()).stream().map(ParkedEventResponse::of).toList(),
        parked.count());
  }

  @POST
  @Path("/parked-events/{id}/replay")
  @Operation(
      summary = "Replay one parked event",
      description =
          "Decodes it again: applied (or found stale) and removed, or kept with the new reason.")
  @APIResponse(responseCode = "200", description = "What the replay did")
  @APIResponse(responseCode = "404", description = "No parked event with this id")
  public ParkedEventReplay.ReplayResult replay(@PathParam("id") String id) {
    return replayer.replay(find(id));
  }

  @POST
  @Path("/parked-events/replay")
  @Operation(summary = "Replay every parked event, oldest first")
  public List<ParkedEventReplay.ReplayResult> replayAll() {
    List<ParkedEventReplay.ReplayResult> results = new ArrayList<>();
    long afterId = 0;
    List<ParkedEvent> page;
    do {
      page = parked.listAfter(afterId, REPLAY_BATCH);
      for (ParkedEvent event : page) {
        results.add(replayer.replay(event));
        afterId = event.id();
      }
    } while (page.size() == REPLAY_BATCH);
    return results;
  }

  @DELETE
  @Path("/parked-events/{id}")
  @Operation(summary = "Discard one parked event for good")
  @APIResponse(responseCode = "204", description = "Discarded")
  @APIResponse(responseCode = "404", description = "No parked event with this id")
  public Response discard(@PathParam("id") String id) {
    if (!parked.discard(find(id).id())) {
      throw notFound(id);
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/replica/bootstrap")
  @Operation(
      summary = "Rebuild or reconcile the replica from the user service",
      description =
          "Streams every user over gRPC and applies each under the version rule; safe while events"
              + " flow. Answers when done, with the counts.")
  @APIResponse(responseCode = "200", description = "Done; counts of users streamed and applied")
  @APIResponse(responseCode = "409", description = "A bootstrap is already running here")
  @APIResponse(responseCode = "503", description = "The user service's stream failed")
  public ReplicaBootstrap.Report bootstrap() {
    try {
      return bootstrap.run();
    } catch (ReplicaBootstrap.AlreadyRunning e) {
      throw Problems.of(Status.CONFLICT, e.getMessage());
    } catch (UserServiceException e) {
      throw Problems.unavailable("The bootstrap stream failed: " + e.getMessage(), 10);
    }
  }

  @POST
  @Path("/replica/verification")
  @Operation(
      summary = "Verify the replica against the user service now",
      description =
          "Compares digests of the replica's users with the user service's, and repairs the users"
              + " that differ under the version rule. Runs by itself every"
              + " replica.verification.interval-seconds; this runs a pass now and answers with what"
              + " it did.")
  @APIResponse(responseCode = "200", description = "Done; users found divergent and repaired")
  @APIResponse(responseCode = "409", description = "A pass is running now (here or elsewhere)")
  @APIResponse(responseCode = "503", description = "The user service did not answer")
  public ReplicaVerification.Report verify() {
    try {
      return verification.runNow();
    } catch (ReplicaVerification.AlreadyRunning e) {
      throw Problems.of(Status.CONFLICT, e.getMessage());
    } catch (UserServiceException e) {
      throw Problems.unavailable("The verification failed: " + e.getMessage(), 10);
    }
  }

  @GET
  @Path("/replica/verification")
  @Operation(summary = "The last complete verification pass (of any instance)")
  @APIResponse(responseCode = "200", description = "When it ended, how long it took, what it found")
  @APIResponse(responseCode = "404", description = "No pass has completed yet")
  public VerificationLedger.LastPass lastVerification() {
    return verification
        .lastPass()
        .orElseThrow(
            () -> Problems.of(Status.NOT_FOUND, "No verification pass has completed yet."));
  }

  private ParkedEvent find(String id) {
    try {
      return parked.find(Long.parseLong(id)).orElseThrow(() -> notFound(id));
    } catch (NumberFormatException e) {
      throw Problems.badRequest("id must be a parked event's number, got '" + id + "'.");
    }
  }

  private static RuntimeException notFound(String id) {
    return Problems.notFound("No parked event " + id + ".");
  }
}
