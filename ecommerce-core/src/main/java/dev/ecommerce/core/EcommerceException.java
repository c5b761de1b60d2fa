package dev.ecommerce.core;

/**
 * The one exception hierarchy of the pipeline. {@link #isUserFixable()} splits what the user can fix
 * (configuration, data that breaks a contract: a build FAILURE) from what went wrong underneath (IO,
 * network, driver: a build ERROR). Messages must name what to change and never carry a secret.
 */
public abstract sealed class EcommerceException extends RuntimeException
        permits ConfigurationException, DataException, InfrastructureException {

    protected EcommerceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the user can fix the cause by changing configuration or data. */
    public abstract boolean isUserFixable();
}
