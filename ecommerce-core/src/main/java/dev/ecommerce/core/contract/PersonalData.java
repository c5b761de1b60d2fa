package dev.ecommerce.core.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract component as personal data: its invalid values are masked in violations, logs and
 * reports (the row key and the constraint still say where to look).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface PersonalData {

    /** What a masked value reads as. */
    String MASK = "******";
}
