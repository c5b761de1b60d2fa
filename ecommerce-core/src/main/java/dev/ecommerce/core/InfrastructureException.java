package dev.ecommerce.core;

/** IO, network or driver failure underneath the pipeline; the cause is kept. */
public final class InfrastructureException extends EcommerceException {

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isUserFixable() {
        return false;
    }
}
