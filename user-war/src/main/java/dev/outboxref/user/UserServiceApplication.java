package dev.outboxref.user;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "User service",
            version = "1",
            description =
                "Owns users. Every change is written to the transactional outbox in the same"
                    + " transaction and published to Kafka topic user-events (key = user id)."))
public class UserServiceApplication extends Application {}
