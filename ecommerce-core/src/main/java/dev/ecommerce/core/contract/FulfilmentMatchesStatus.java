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
 * Class-level: the fulfilment timestamps are present exactly as the status demands (see {@link
 * Fulfilment}). A null or unknown status is left to {@code @NotNull} and {@code @OneOf}. The attributes
 * name the record components that hold the status and the three timestamps.
 */
@Documented
@Constraint(validatedBy = FulfilmentMatchesStatusValidator.class)
@Target({TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface FulfilmentMatchesStatus {

    String status() default "status";

    String shippedAt() default "shippedAt";

    String deliveredAt() default "deliveredAt";

    String returnedAt() default "returnedAt";

    String message() default
            "fulfilment timestamps must match the status (Returned: shipped, delivered, returned;"
                    + " Complete: shipped, delivered; Shipped: shipped; Processing, Cancelled: none)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
