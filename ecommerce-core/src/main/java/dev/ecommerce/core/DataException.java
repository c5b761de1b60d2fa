package dev.ecommerce.core;

/** The data itself is wrong (missing tables, rows that break a contract); the message says which. */
public final class DataException extends EcommerceException {

    public DataException(String message) {
        super(message, null);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isUserFixable() {
        return true;
    }
}
