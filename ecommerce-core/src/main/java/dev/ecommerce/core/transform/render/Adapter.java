package dev.ecommerce.core.transform.render;

/**
 * dbt's {@code adapter} object in the render context: one public method per adapter method a template may
 * call ({@code adapter.dispatch(...)}, {@code adapter.quote(...)}, ...). Jinjava calls them as bean methods.
 */
public final class Adapter {

    Adapter() {}

    /** {@code adapter.quote(identifier)}: the identifier in DuckDB's double quotes. */
    public String quote(Object identifier) {
        return '"' + String.valueOf(identifier).replace("\"", "\"\"") + '"';
    }
}
