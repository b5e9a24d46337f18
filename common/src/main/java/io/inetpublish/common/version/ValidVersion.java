package io.inetpublish.common.version;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The field holds a version by {@link Version}'s grammar. {@code null} is valid (add {@code @NotBlank} where a value
 * is required); any other value, the empty string included, must follow the grammar.
 */
@Documented
@Constraint(validatedBy = ValidVersion.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidVersion {

    String message() default "{" + Version.INVALID + "}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks one value against the grammar. */
    class Validator implements ConstraintValidator<ValidVersion, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Version.isValid(value);
        }
    }
}
