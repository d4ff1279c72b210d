package dev.outboxref.platform.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks a {@link Text} field; the message says what is wrong. */
public class TextValidator implements ConstraintValidator<Text, String> {

  private int max;
  private boolean multiline;

  @Override
  public void initialize(Text text) {
    max = text.max();
    multiline = text.multiline();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    String problem = TextRules.problem(value, max, multiline);
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    // the message is ours, not the client's: no expression language in it
    context
        .buildConstraintViolationWithTemplate(problem.replace("{", "(").replace("}", ")"))
        .addConstraintViolation();
    return false;
  }
}
