package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Python's indexing of a string, {@code name[0]} and {@code name[-1]}, which Jinjava's resolvers leave out
 * (dbt-utils' {@code slugify} uses it); everything else goes to Jinjava's own resolvers.
 */
final class StringIndexResolver extends ELResolver {

    /** Jinjava's read-only resolvers, with string indexing first. */
    static ELResolver withJinjavas() {
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new StringIndexResolver());
        resolvers.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        return resolvers;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Integer given = property instanceof Integer || property instanceof Long
                ? Integer.valueOf(((Number) property).intValue())
                : property instanceof String name && name.matches("-?[0-9]{1,9}") ? Integer.valueOf(name) : null;
        if (base instanceof String text && given != null) { // Jinjava passes the index as its text
            int index = given;
            index = index < 0 ? index + text.length() : index;
            if (index >= 0 && index < text.length()) {
                context.setPropertyResolved(true);
                return String.valueOf(text.charAt(index));
            }
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // strings cannot be changed
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base instanceof String ? Integer.class : null;
    }
}
