package dev.ecommerce.core.contract;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Class-level: the named {@code Instant} components never go backwards. Every pair of present (non-null)
 * values must be in the listed order; null values are skipped.
 */
@Documented
@Constraint(validatedBy = TimestampsInOrderValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface TimestampsInOrder {

    /** Component names, earliest first. */
    String[] value();

    String message() default "timestamps must be in the order {value}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
