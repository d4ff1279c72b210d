package dev.outboxref.platform.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Bean Validation of {@link TextRules}: at most {@code max} characters, no control characters. */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface Text {

  /** The most characters (Unicode code points), as the database column allows. */
  int max();

  /** Newlines and tabs allowed (a post's content); else none (a name, a title). */
  boolean multiline() default false;

  String message() default "is not acceptable text";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
