package dev.outboxref.platform.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** 401 for a {@link SignedIn} operation called without a valid token. */
@Provider
@SignedIn
@Priority(Priorities.AUTHORIZATION)
public class SignedInFilter implements ContainerRequestFilter {

  @Inject Caller caller;

  @Override
  public void filter(ContainerRequestContext request) {
    caller.require();
  }
}
