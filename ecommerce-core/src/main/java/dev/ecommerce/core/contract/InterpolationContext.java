package dev.ecommerce.core.contract;

import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ExpressionLanguageFeatureLevel;
import org.hibernate.validator.messageinterpolation.HibernateMessageInterpolatorContext;

/**
 * The context Hibernate Validator gives its message interpolator for a constraint violation, rebuilt so
 * that a violation found in SQL gets the very message Hibernate Validator would give.
 */
record InterpolationContext(ConstraintDescriptor<?> descriptor, Object validatedValue, Class<?> rootBeanType)
        implements HibernateMessageInterpolatorContext {

    @Override
    public ConstraintDescriptor<?> getConstraintDescriptor() {
        return descriptor;
    }

    @Override
    public Object getValidatedValue() {
        return validatedValue;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new ValidationException("Cannot unwrap the interpolation context to " + type.getName());
    }

    @Override
    public Class<?> getRootBeanType() {
        return rootBeanType;
    }

    @Override
    public Map<String, Object> getMessageParameters() {
        return Map.of();
    }

    @Override
    public Map<String, Object> getExpressionVariables() {
        return Map.of();
    }

    @Override
    public Path getPropertyPath() {
        return null;
    }

    @Override
    public ExpressionLanguageFeatureLevel getExpressionLanguageFeatureLevel() {
        // What Hibernate Validator uses for constraint messages by default.
        return ExpressionLanguageFeatureLevel.BEAN_PROPERTIES;
    }
}
