package dev.outboxref.post;

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
            title = "Post service",
            version = "1",
            description =
                "Owns posts. Shows each post's author from its own replica of the user data, kept up to"
                    + " date from Kafka topic user-events; never reads the user database."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "An access token from the user service's POST /api/auth/token.")
public class PostServiceApplication extends Application {}
