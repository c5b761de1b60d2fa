package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import dev.ecommerce.core.ConfigurationException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of dbt's context that depend on when a template renders: {@code execute} (false at parse time,
 * true when the node runs), {@code run_query}, {@code statement} (with dbt's {@code statement} macro in
 * {@code adapter_macros.sql}) and {@code load_result}, and the objects {@code exceptions}, {@code api},
 * {@code builtins}, {@code graph} and {@code modules}. At parse time they touch nothing and record that the
 * render needs the run ({@link RenderScope#usesRunTime}); at run time they use the scope's {@link Warehouse}.
 */
public final class RunTimeContext {

    /** The resource holding dbt's {@code statement}, {@code create_view_as} and {@code create_table_as}. */
    public static final String MACROS = "adapter_macros.sql";

    private RunTimeContext() {}

    /** Registers the functions in Jinjava's global context and the objects in the project's context. */
    static void install(Context global, Context project) {
        global.registerFunction(
                new ELFunctionDefinition("", "run_query", RunTimeContext.class, "runQuery", Object.class));
        global.registerFunction(
                new ELFunctionDefinition("", "load_result", RunTimeContext.class, "loadResult", Object.class));
        global.registerFunction(
                new ELFunctionDefinition("", "load_relation", RunTimeContext.class, "loadRelation", Object.class));
        global.registerFunction(new ELFunctionDefinition(
                "", "__dbt_statement", RunTimeContext.class, "statement", Object.class, Object.class, Object.class));
        project.put("execute", new Execute());
        project.put("exceptions", new ContextObjects.Exceptions());
        project.put("api", Map.of("Relation", new ContextObjects.RelationApi())); // a bean has no capital property
        project.put("builtins", new ContextObjects.Builtins());
        project.put("graph", new ContextObjects.Graph());
        project.put("modules", new PyModules());
    }

    /** {@code run_query(sql)}: the result as a table at run time; none at parse time, running nothing. */
    public static Object runQuery(Object sql) {
        RenderScope scope = scope();
        scope.recordRunTimeUse();
        if (!scope.execute()) {
            return null;
        }
        return DbtFunctions.guard(scope, () -> run(scope, "run_query", String.valueOf(sql)));
    }

    /**
     * The body of dbt's {@code statement} macro at run time: runs {@code sql} and stores its result under
     * {@code name} for {@code load_result}; the table only when {@code fetch} is true, as in dbt.
     */
    public static Object statement(Object name, Object sql, Object fetch) {
        RenderScope scope = scope();
        scope.recordRunTimeUse();
        if (!scope.execute()) {
            return "";
        }
        return DbtFunctions.guard(scope, () -> {
            AgateTable table = run(scope, "statement " + name, String.valueOf(sql));
            if (name != null) {
                AgateTable kept = Boolean.TRUE.equals(fetch) ? table : AgateTable.empty();
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("_message", "OK");
                response.put("code", "OK");
                response.put("rows_affected", table.getRows().size());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("response", response);
                result.put("data", kept.data());
                result.put("table", kept);
                scope.results().put(String.valueOf(name), result);
            }
            return "";
        });
    }

    /** {@code load_result(name)}: what {@code statement(name)} stored, or none. */
    public static Object loadResult(Object name) {
        RenderScope scope = scope();
        scope.recordRunTimeUse();
        return scope.results().get(String.valueOf(name));
    }

    /** {@code load_relation(relation)}: {@code adapter.load_relation}'s answer. */
    public static Object loadRelation(Object relation) {
        return ((Adapter) JinjavaInterpreter.getCurrent().getContext().get("adapter")).load_relation(relation);
    }

    private static AgateTable run(RenderScope scope, String what, String sql) {
        try {
            return scope.warehouse(what).run(sql);
        } catch (SQLException e) {
            throw new ConfigurationException(scope.file + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** The current render's scope; null outside a render. */
    static RenderScope scope() {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        return interpreter == null
                ? null
                : (RenderScope) interpreter.getContext().get(DbtFunctions.SCOPE);
    }

    /** {@code execute}: the current render's; reading it marks a parse-time render as needing the run. */
    static final class Execute implements HasObjectTruthValue, PyishSerializable {

        @Override
        public boolean getObjectTruthValue() {
            RenderScope scope = scope();
            if (scope == null) {
                return true;
            }
            scope.recordRunTimeUse();
            return scope.execute();
        }

        @Override
        public String toString() {
            return getObjectTruthValue() ? "True" : "False";
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
            return (T) appendable.append(toString());
        }
    }
}
