package dev.ecommerce.core;

/** A setting is missing, malformed or inconsistent; the message names the setting and the fix. */
public final class ConfigurationException extends EcommerceException {

    public ConfigurationException(String message) {
        super(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isUserFixable() {
        return true;
    }
}
