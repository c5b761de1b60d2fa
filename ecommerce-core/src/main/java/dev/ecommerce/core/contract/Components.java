package dev.ecommerce.core.contract;

import jakarta.validation.ValidationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/** Reads a record component by name, for the class-level validators. */
final class Components {

    private Components() {}

    static Object value(Record row, String component) {
        for (RecordComponent rc : row.getClass().getRecordComponents()) {
            if (rc.getName().equals(component)) {
                try {
                    return rc.getAccessor().invoke(row);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new ValidationException("Cannot read " + component + " of " + row.getClass(), e);
                }
            }
        }
        throw new ValidationException(row.getClass().getName() + " has no component " + component);
    }
}
