package dev.ecommerce.core.transform.render;

import com.hubspot.jinjava.el.ext.AbstractCallableMethod;
import com.hubspot.jinjava.interpret.CollectionTooBigException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import com.hubspot.jinjava.lib.tag.MacroTag;
import com.hubspot.jinjava.tree.TagNode;
import dev.ecommerce.core.ConfigurationException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dbt's {@code return(value)}: a macro that calls it evaluates to that value (a list, a map, a relation...)
 * instead of its text, and stops there. Jinjava has no such thing, so {@code return} throws a {@link Signal}
 * that unwinds the macro's template and is caught by the macro that is running ({@link Function}), which
 * Jinjava builds through {@link Tag}, our {@code {% macro %}}.
 *
 * <p>Why the signal extends {@link CollectionTooBigException}: it is the one exception Jinjava lets through an
 * expression (others become template errors, and rendering goes on after them); its template error is dropped
 * by {@link #isSignal(TemplateError)}.
 */
public final class MacroReturn {

    private static final ThreadLocal<Deque<Object>> RUNNING = ThreadLocal.withInitial(ArrayDeque::new);

    private MacroReturn() {}

    /** dbt's {@code return()}, an EL function: ends the running macro with {@code value}. */
    public static Object doReturn(Object value) {
        Object frame = RUNNING.get().peek();
        if (frame == null) {
            RenderScope scope =
                    (RenderScope) JinjavaInterpreter.getCurrent().getContext().get(DbtFunctions.SCOPE);
            ConfigurationException e = new ConfigurationException((scope == null ? "" : scope.file + ": ")
                    + "return() is only allowed inside a macro, as in dbt: move it into a {% macro %}.");
            if (scope != null) {
                scope.fail(e);
            }
            throw e;
        }
        throw new Signal(frame, value);
    }

    /**
     * Calls a macro (or any Jinjava callable), the first argument, with the others: what {@code
     * adapter.dispatch(...)(...)} becomes.
     */
    public static Object call(Object... arguments) {
        if (arguments == null || arguments.length == 0 || !(arguments[0] instanceof AbstractCallableMethod macro)) {
            throw new ConfigurationException("cannot call "
                    + (arguments == null || arguments.length == 0 ? "nothing" : arguments[0]) + ": it is not a macro");
        }
        List<Object> spread = new java.util.ArrayList<>();
        for (int i = 1; i < arguments.length; i++) {
            if (arguments[i] instanceof Splat splat) {
                splat.spreadInto(spread);
            } else {
                spread.add(arguments[i]);
            }
        }
        return macro.evaluate(spread.toArray());
    }

    /** {@code *args}: the list's items as positional arguments (see {@link Dispatch#splats}). */
    public static Object __dbt_args(Object list) {
        return new Splat(list, false);
    }

    /** {@code **kwargs}: the map's entries as keyword arguments. */
    public static Object __dbt_kwargs(Object map) {
        return new Splat(map, true);
    }

    /** A spread argument of a call. */
    record Splat(Object value, boolean keywords) {
        void spreadInto(List<Object> arguments) {
            if (keywords && value instanceof Map<?, ?> map) {
                map.forEach(
                        (k, v) -> arguments.add(new com.hubspot.jinjava.el.ext.NamedParameter(String.valueOf(k), v)));
            } else if (!keywords && value instanceof Iterable<?> items) {
                items.forEach(arguments::add);
            } else if (value != null) {
                throw new ConfigurationException(
                        (keywords ? "**" : "*") + " needs a " + (keywords ? "map" : "list") + ", not " + value);
            }
        }
    }

    /** One running macro call: what {@code return()} unwinds to; the names its macro sets. */
    private record Frame(java.util.Set<String> assigned) {
        @Override
        public boolean equals(Object other) {
            return this == other; // each call its own frame
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** Whether the innermost running macro sets {@code name} somewhere (on a path that may not have been taken). */
    static boolean runningMacroSets(String name) {
        return RUNNING.get().peek() instanceof Frame frame && frame.assigned().contains(name);
    }

    /** Whether a template error is only a {@code return()} passing through. */
    static boolean isSignal(TemplateError error) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (t instanceof Signal) {
                return true;
            }
        }
        return false;
    }

    /** The unwinding of one {@code return()}, for the macro call {@code frame}. */
    static final class Signal extends CollectionTooBigException {
        private final transient Object frame;
        private final transient Object value;

        Signal(Object frame, Object value) {
            super(0, 0);
            this.frame = frame;
            this.value = value;
        }

        @Override
        public String getMessage() {
            return "return()";
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // control flow, not an error: no stack trace to build
        }
    }

    /** {@code {% macro %}} building macros that honour {@code return()}. */
    static final class Tag extends MacroTag {
        private static final long serialVersionUID = 1L;

        @Override
        protected MacroFunction constructMacroFunction(
                TagNode tagNode,
                JinjavaInterpreter interpreter,
                String name,
                LinkedHashMap<String, Object> argNamesWithDefaults) {
            return new Function(
                    super.constructMacroFunction(tagNode, interpreter, name, argNamesWithDefaults),
                    NoneOutput.assignedNames(tagNode.reconstructImage()));
        }
    }

    /** A macro whose value is what it returned, if it called {@code return()}, or else its text. */
    static final class Function extends MacroFunction {

        private final java.util.Set<String> assigned;

        Function(MacroFunction source, java.util.Set<String> assigned) {
            super(source, source.getName());
            this.assigned = assigned;
        }

        @Override
        public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
            Object frame = new Frame(assigned);
            Deque<Object> running = RUNNING.get();
            running.push(frame);
            try {
                return super.doEvaluate(argMap, kwargMap, varArgs);
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof Signal signal && signal.frame == frame) {
                        dropSignals(JinjavaInterpreter.getCurrent());
                        return signal.value;
                    }
                }
                throw e;
            } finally {
                running.pop();
            }
        }

        /**
         * Drops the template errors the caught {@code return()} left on its way (the last ones): the interpreter
         * is then as clean as before the call, and can be kept for the next render.
         */
        private static void dropSignals(JinjavaInterpreter interpreter) {
            while (interpreter != null
                    && interpreter.getLastError().filter(MacroReturn::isSignal).isPresent()) {
                interpreter.removeLastError();
            }
        }

        @Override
        public MacroFunction cloneWithNewName(String name) {
            return new Function(super.cloneWithNewName(name), assigned);
        }
    }
}
