package dev.ecommerce.core.contract;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Set;

/** Validates {@link OneOf}. */
public final class OneOfValidator implements ConstraintValidator<OneOf, CharSequence> {

    private Set<String> allowed = Set.of();

    @Override
    public void initialize(OneOf annotation) {
        allowed = Set.of(annotation.value());
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || allowed.contains(value.toString());
    }
}
