package dev.outboxref.platform.auth;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks operations that need a signed-in caller: {@link SignedInFilter} answers 401 without one,
 * before the body is read. Whether that caller may act on the resource is the operation's check.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {}
