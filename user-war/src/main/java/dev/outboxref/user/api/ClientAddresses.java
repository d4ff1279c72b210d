package dev.outboxref.user.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client address of a request ({@link ClientAddress}), with the trusted proxies of {@code
 * auth.trusted-proxies}.
 */
@ApplicationScoped
public class ClientAddresses {

  @Inject
  @ConfigProperty(name = "auth.trusted-proxies")
  Optional<String> trustedProxies;

  private ClientAddress clientAddress;

  @PostConstruct
  void init() {
    clientAddress = ClientAddress.trusting(trustedProxies.orElse(""));
  }

  String of(HttpServletRequest request) {
    return clientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }
}
