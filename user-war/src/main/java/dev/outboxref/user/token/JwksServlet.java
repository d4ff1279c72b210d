package dev.outboxref.user.token;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The public keys of the access tokens as a JWKS (RFC 7517), for both services' mpJwt and the
 * gateway. A plain servlet: the path lies outside the REST application's {@code /api}.
 */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

  @Inject AccessTokens tokens;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // validators cache it; a rotation publishes the next key well before it signs
    // (docs/security.md)
    response.setHeader("Cache-Control", "public, max-age=300");
    response.getWriter().write(tokens.publicKeys().toString(true));
  }
}
