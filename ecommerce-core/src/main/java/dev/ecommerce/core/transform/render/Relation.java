package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.collections.PyMap;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's relation object, as {@code ref()}, {@code api.Relation.create(...)} and {@code adapter.get_relation(...)}
 * return it: {@code database}, {@code schema}, {@code identifier} ({@code name}), {@code type},
 * {@code is_table}, {@code is_view}, {@code is_cte}, printed as its SQL name ({@code "db"."schema"."name"}, the
 * parts {@link #include included}). Like dbt's, it is a mapping whose {@code metadata.type} ends with
 * {@code Relation}, which is how packages (dbt_utils' {@code _is_relation}) recognise one. A {@code ref()}
 * result prints as the engine's mark, so compiling names it (or inlines an ephemeral model).
 */
public final class Relation extends PyMap implements PyishSerializable {

    /** How an ephemeral model's CTE is named ({@code api.Relation.add_ephemeral_prefix}). */
    static final String EPHEMERAL_PREFIX = "__dbt__cte__";

    private final boolean[] included;
    private final String shownAs;

    private Relation(
            String database, String schema, String identifier, String type, boolean[] included, String shownAs) {
        super(new LinkedHashMap<>());
        Map<String, Object> values = delegate();
        values.put("database", database);
        values.put("schema", schema);
        values.put("identifier", identifier);
        values.put("name", identifier);
        values.put("table", identifier);
        values.put("type", type);
        values.put("is_table", "table".equals(type));
        values.put("is_view", "view".equals(type));
        values.put("is_cte", "cte".equals(type));
        values.put("metadata", new PyMap(new LinkedHashMap<>(Map.of("type", "DuckDBRelation"))));
        this.included = included;
        this.shownAs = shownAs;
    }

    /** A relation of the target's database ({@code type}: {@code table}, {@code view}, or null). */
    public static Relation of(String database, String schema, String identifier, String type) {
        return of(database, schema, identifier, type, null);
    }

    /** A relation of the target's database printed as {@code text} (a {@code ref()}'s mark), or as its name. */
    static Relation of(String database, String schema, String identifier, String type, String text) {
        return new Relation(database, schema, identifier, type, new boolean[] {true, true, true}, text);
    }

    /**
     * What {@code ref()} of an ephemeral model is at run time: the CTE its dependants read, {@code is_cte} true,
     * printed as {@code mark}.
     */
    public static Relation ephemeral(String name, String mark) {
        return of(null, null, EPHEMERAL_PREFIX + name, "cte").shownAs(mark);
    }

    /** This relation printed as {@code text} (a {@code ref()}'s mark). */
    public Relation shownAs(String text) {
        return new Relation(getDatabase(), getSchema(), getIdentifier(), getType(), included, text);
    }

    public String getDatabase() {
        return (String) get("database");
    }

    public String getSchema() {
        return (String) get("schema");
    }

    public String getIdentifier() {
        return (String) get("identifier");
    }

    public String getType() {
        return (String) get("type");
    }

    /** {@code relation.include(database=False, ...)}: the relation printed without the parts set to false. */
    public Relation include(Object... args) {
        boolean[] parts = included.clone();
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter named) {
                int part = List.of("database", "schema", "identifier").indexOf(named.getName());
                if (part < 0) {
                    throw new IllegalStateException(
                            "relation.include() takes database, schema and identifier, not " + named.getName());
                }
                parts[part] = Boolean.TRUE.equals(named.getValue());
            }
        }
        return new Relation(getDatabase(), getSchema(), getIdentifier(), getType(), parts, null);
    }

    /** {@code relation.render()}: its SQL name. */
    public String render() {
        List<String> parts = new ArrayList<>();
        String[] values = {getDatabase(), getSchema(), getIdentifier()};
        for (int i = 0; i < values.length; i++) {
            if (included[i] && values[i] != null) {
                parts.add('"' + values[i].replace("\"", "\"\"") + '"');
            }
        }
        return String.join(".", parts);
    }

    @Override
    public String toString() {
        return shownAs != null ? shownAs : render();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        return (T) appendable.append(toString());
    }
}
