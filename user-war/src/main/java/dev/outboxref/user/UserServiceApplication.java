package dev.outboxref.user;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "User service",
            version = "1",
            description =
                "Owns users. Every change is written to the transactional outbox in the same"
                    + " transaction and published to Kafka topic user-events (key = user id)."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "An access token from the user service's POST /api/auth/token.")
public class UserServiceApplication extends Application {}
