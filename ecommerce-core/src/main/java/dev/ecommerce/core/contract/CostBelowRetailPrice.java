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
 * Class-level: the cost is strictly below the retail price. Valid when either is null (left to
 * {@code @NotNull}). The attributes name the two {@code Double} components.
 */
@Documented
@Constraint(validatedBy = CostBelowRetailPriceValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface CostBelowRetailPrice {

    String cost() default "cost";

    String retailPrice() default "retailPrice";

    String message() default "{cost} must be below {retailPrice}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
