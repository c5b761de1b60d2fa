package dev.ecommerce.testkit.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites GoogleSQL into the DuckDB SQL it means, token by token, with a small explicit set of rules. What
 * it does not rewrite reaches DuckDB as written, so DuckDB's own functions and errors show through.
 *
 * <ul>
 *   <li>Table names: {@code `project.dataset.table`}, {@code `dataset.table`}, {@code `project`.dataset.table}
 *       and unquoted {@code dataset.table} become the DuckDB table; an unknown table or dataset is a
 *       {@code notFound} error. Other backtick names become DuckDB quoted identifiers.
 *   <li>Strings: {@code 'x'}, {@code "x"}, triple-quoted, raw ({@code r'..'}) and bytes ({@code b'..'})
 *       literals with GoogleSQL escapes become DuckDB string literals.
 *   <li>Typed literals: {@code TIMESTAMP '..'} (a UTC instant), {@code DATETIME}, {@code DATE}, {@code TIME},
 *       {@code NUMERIC}, {@code BIGNUMERIC}, {@code JSON} become casts.
 *   <li>Types in {@code CAST(x AS t)}: {@code INT64}, {@code FLOAT64}, {@code NUMERIC}, {@code BIGNUMERIC},
 *       {@code BOOL}, {@code STRING}, {@code BYTES}, {@code DATETIME}, {@code TIMESTAMP}, {@code GEOGRAPHY}.
 *   <li>Functions: {@code SAFE_CAST} becomes {@code TRY_CAST}; {@code ST_ASTEXT(x)},
 *       {@code ST_GEOGFROMTEXT(x)} become {@code (x)} (geographies are WKT text); {@code SELECT * EXCEPT (..)}
 *       becomes {@code * EXCLUDE (..)}.
 *   <li>Floating-point literals ({@code 1.5}, {@code 2e3}) are FLOAT64, as in GoogleSQL.
 *   <li>Query parameters ({@code @name} or {@code ?}) become typed literals of their values.
 *   <li>{@code #} comments become {@code --} comments.
 * </ul>
 *
 * <p>A query must be one {@code SELECT} or {@code WITH} statement.
 */
final class QueryTranslator {

    /** The translated SQL, the tables it reads and the names it mentions (for byte estimates). */
    record Translation(String sql, Set<TableMeta> tables, Set<String> identifiers, boolean star) {}

    /** What the translator needs from the catalog. */
    interface Resolver {

        /**
         * The table a dotted name means, or empty when the name is not a table name (e.g. {@code alias.column}).
         *
         * @param explicit true when the name was written in backticks with three parts, or after FROM or JOIN,
         *     so it must be a table
         * @throws BigQueryApiException notFound for a table name whose table or dataset does not exist
         */
        Optional<TableMeta> resolve(List<String> parts, boolean explicit);

        /** The thelook table with this unqualified name, if any. */
        Optional<TableMeta> baseTable(String name);
    }

    private enum Kind {
        SPACE,
        COMMENT,
        STRING,
        QUOTED,
        WORD,
        NUMBER,
        NAMED_PARAM,
        POSITIONAL_PARAM,
        SYMBOL
    }

    private record Token(Kind kind, String text, String value, boolean bytes) {
        boolean significant() {
            return kind != Kind.SPACE && kind != Kind.COMMENT;
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    private static final Map<String, String> CAST_TYPES = Map.of(
            "INT64", "BIGINT",
            "FLOAT64", "DOUBLE",
            "NUMERIC", "DECIMAL(38,9)",
            "BIGNUMERIC", "DECIMAL(38,9)",
            "BOOL", "BOOLEAN",
            "STRING", "VARCHAR",
            "BYTES", "BLOB",
            "DATETIME", "TIMESTAMP",
            "TIMESTAMP", "TIMESTAMPTZ",
            "GEOGRAPHY", "VARCHAR");

    private static final Map<String, String> LITERAL_TYPES = Map.of(
            "TIMESTAMP", "TIMESTAMPTZ",
            "DATETIME", "TIMESTAMP",
            "DATE", "DATE",
            "TIME", "TIME",
            "NUMERIC", "DECIMAL(38,9)",
            "BIGNUMERIC", "DECIMAL(38,9)",
            "JSON", "VARCHAR");

    private static final Set<String> IDENTITY_FUNCTIONS = Set.of("ST_ASTEXT", "ST_GEOGFROMTEXT");

    private static final Map<String, String> PARAMETER_TYPES = Map.ofEntries(
            Map.entry("INT64", "BIGINT"),
            Map.entry("FLOAT64", "DOUBLE"),
            Map.entry("NUMERIC", "DECIMAL(38,9)"),
            Map.entry("BIGNUMERIC", "DECIMAL(38,9)"),
            Map.entry("BOOL", "BOOLEAN"),
            Map.entry("STRING", "VARCHAR"),
            Map.entry("GEOGRAPHY", "VARCHAR"),
            Map.entry("JSON", "VARCHAR"),
            Map.entry("DATE", "DATE"),
            Map.entry("DATETIME", "TIMESTAMP"),
            Map.entry("TIME", "TIME"),
            Map.entry("TIMESTAMP", "TIMESTAMPTZ"));

    private final Resolver resolver;

    QueryTranslator(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Translates a query.
     *
     * @param parameters the request's {@code queryParameters} array, or {@code null}
     * @throws BigQueryApiException invalidQuery or notFound
     */
    Translation query(String text, JsonNode parameters) {
        return translate(text, parameters, true);
    }

    /** Translates a row restriction (a predicate, no statement); the Storage Read API's filter. */
    Translation predicate(String text) {
        return translate(text, null, false);
    }

    private Translation translate(String text, JsonNode parameters, boolean statement) {
        List<Token> tokens = lex(text);
        Parameters params = new Parameters(parameters);
        StringBuilder out = new StringBuilder(text.length() + 32);
        Set<TableMeta> tables = new LinkedHashSet<>();
        Set<String> identifiers = new LinkedHashSet<>();
        boolean star = false;
        boolean first = true;
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (statement && first && token.significant() && !token.isSymbol("(")) {
                first = false;
                if (!token.isWord("SELECT") && !token.isWord("WITH")) {
                    throw BigQueryApiException.invalidQuery("LocalBigQuery runs SELECT queries only (SELECT ... or WITH"
                            + " ...); this query starts with: " + token.text());
                }
            }
            switch (token.kind()) {
                case SPACE -> out.append(token.text());
                case COMMENT ->
                    out.append(
                            token.text().startsWith("#") ? "--" + token.text().substring(1) : token.text());
                case STRING -> out.append(stringLiteral(token));
                case NUMBER -> out.append(number(token.text()));
                case NAMED_PARAM -> out.append(params.named(token.value()));
                case POSITIONAL_PARAM -> out.append(params.positional());
                case SYMBOL -> {
                    String symbol = token.text();
                    if (symbol.equals(";")) {
                        if (!statement || next(tokens, i).isPresent()) {
                            throw BigQueryApiException.invalidQuery(
                                    "LocalBigQuery runs one statement per query; remove the ';'.");
                        }
                        continue;
                    }
                    if (symbol.equals("(")) {
                        depth++;
                    } else if (symbol.equals(")") && --depth < 0) {
                        throw BigQueryApiException.invalidQuery("Unbalanced parentheses: unexpected ')'.");
                    } else if (symbol.equals("*")) {
                        Optional<Token> before = previous(tokens, i);
                        if (before.isEmpty()
                                || before.get().isWord("SELECT")
                                || before.get().isWord("DISTINCT")
                                || before.get().isSymbol(",")
                                || before.get().isSymbol(".")) {
                            star = true;
                        }
                    }
                    out.append(symbol);
                }
                case WORD, QUOTED -> {
                    int end = pathEnd(tokens, i);
                    List<String> parts = new ArrayList<>();
                    boolean quoted = false;
                    for (int j = i; j <= end; j += 2) {
                        Token part = tokens.get(j);
                        if (part.kind() == Kind.QUOTED) {
                            quoted = true;
                            Collections.addAll(parts, part.value().split("\\.", -1));
                        } else {
                            parts.add(part.text());
                        }
                    }
                    parts.forEach(p -> identifiers.add(p.toLowerCase(Locale.ROOT)));
                    boolean fromClause = previous(tokens, i)
                            .filter(t -> t.isWord("FROM") || t.isWord("JOIN"))
                            .isPresent();
                    Optional<TableMeta> table = parts.size() >= 2
                            ? resolver.resolve(parts, quoted && (parts.size() >= 3 || fromClause))
                            : fromClause ? resolver.baseTable(parts.get(0)) : Optional.empty();
                    if (table.isPresent()) {
                        tables.add(table.get());
                        if (parts.size() >= 2) {
                            out.append(table.get().duckName());
                            i = end;
                            continue;
                        }
                    }
                    if (quoted) {
                        out.append(String.join(
                                ".", parts.stream().map(SqlText::identifier).toList()));
                        i = end;
                    } else if (end > i) {
                        for (int j = i; j <= end; j++) {
                            out.append(tokens.get(j).text());
                        }
                        i = end;
                    } else {
                        i = word(tokens, i, out);
                    }
                }
            }
        }
        if (depth != 0) {
            throw BigQueryApiException.invalidQuery("Unbalanced parentheses: " + depth + " '(' not closed.");
        }
        if (statement && first) {
            throw BigQueryApiException.invalidQuery("The query is empty.");
        }
        return new Translation(out.toString().strip(), tables, identifiers, star);
    }

    /** Emits a single word by the rules above; returns the index of the last token consumed. */
    private int word(List<Token> tokens, int i, StringBuilder out) {
        String upper = tokens.get(i).text().toUpperCase(Locale.ROOT);
        Optional<Token> after = next(tokens, i);
        Optional<Token> before = previous(tokens, i);
        if (upper.equals("SAFE_CAST")) {
            out.append("TRY_CAST");
        } else if (IDENTITY_FUNCTIONS.contains(upper)
                && after.filter(t -> t.isSymbol("(")).isPresent()) {
            // ST_ASTEXT(x) -> (x): geographies are stored as WKT text.
        } else if (upper.equals("EXCEPT") && before.filter(t -> t.isSymbol("*")).isPresent()) {
            out.append("EXCLUDE");
        } else if (LITERAL_TYPES.containsKey(upper)
                && after.filter(t -> t.kind() == Kind.STRING).isPresent()) {
            int literal = nextIndex(tokens, i);
            out.append("CAST(")
                    .append(stringLiteral(tokens.get(literal)))
                    .append(" AS ")
                    .append(LITERAL_TYPES.get(upper))
                    .append(')');
            return literal;
        } else if (CAST_TYPES.containsKey(upper)
                && before.filter(t -> t.isWord("AS")).isPresent()
                && after.filter(t -> t.isSymbol(")")).isPresent()) {
            out.append(CAST_TYPES.get(upper));
        } else {
            out.append(tokens.get(i).text());
        }
        return i;
    }

    /** The last token of a dotted name starting at {@code i} (no spaces inside a name). */
    private static int pathEnd(List<Token> tokens, int i) {
        int end = i;
        while (end + 2 < tokens.size()
                && tokens.get(end + 1).isSymbol(".")
                && (tokens.get(end + 2).kind() == Kind.WORD
                        || tokens.get(end + 2).kind() == Kind.QUOTED)) {
            end += 2;
        }
        return end;
    }

    private static Optional<Token> next(List<Token> tokens, int i) {
        int index = nextIndex(tokens, i);
        return index < 0 ? Optional.empty() : Optional.of(tokens.get(index));
    }

    private static int nextIndex(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).significant()) {
                return j;
            }
        }
        return -1;
    }

    private static Optional<Token> previous(List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (tokens.get(j).significant()) {
                return Optional.of(tokens.get(j));
            }
        }
        return Optional.empty();
    }

    private static String stringLiteral(Token token) {
        String literal = SqlText.literal(token.value());
        return token.bytes() ? "encode(" + literal + ")" : literal;
    }

    private static String number(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("0x") && (lower.contains(".") || lower.contains("e"))) {
            return "CAST(" + text + " AS DOUBLE)";
        }
        return text;
    }

    // ---------------------------------------------------------------------------------------------------
    // Lexer

    private static List<Token> lex(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.SPACE, text.substring(start, i), null, false));
            } else if (text.startsWith("--", i) || c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                tokens.add(new Token(Kind.COMMENT, text.substring(start, i), null, false));
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw BigQueryApiException.invalidQuery("Unclosed comment starting at offset " + i + ".");
                }
                i = close + 2;
                tokens.add(new Token(Kind.COMMENT, text.substring(start, i), null, false));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                String prefix = word.toLowerCase(Locale.ROOT);
                if (i < n
                        && (text.charAt(i) == '\'' || text.charAt(i) == '"')
                        && Set.of("r", "b", "rb", "br").contains(prefix)) {
                    i = string(text, i, prefix.contains("r"), prefix.contains("b"), tokens);
                } else {
                    tokens.add(new Token(Kind.WORD, word, null, false));
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                i = number(text, i);
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), null, false));
            } else if (c == '\'' || c == '"') {
                i = string(text, i, false, false, tokens);
            } else if (c == '`') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw BigQueryApiException.invalidQuery(
                                "Unclosed identifier literal starting at offset " + start + ".");
                    }
                    char d = text.charAt(i);
                    if (d == '`') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        i = escape(text, i, value);
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                tokens.add(new Token(Kind.QUOTED, text.substring(start, i), value.toString(), false));
            } else if (c == '@' && i + 1 < n && text.charAt(i + 1) != '@') {
                i++;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                if (i == start + 1) {
                    throw BigQueryApiException.invalidQuery("A query parameter needs a name after '@'.");
                }
                tokens.add(new Token(Kind.NAMED_PARAM, text.substring(start, i), text.substring(start + 1, i), false));
            } else if (c == '?') {
                i++;
                tokens.add(new Token(Kind.POSITIONAL_PARAM, "?", null, false));
            } else {
                i++;
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), null, false));
            }
        }
        return tokens;
    }

    private static int number(String text, int i) {
        int n = text.length();
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            i += 2;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < n && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < n && Character.isDigit(text.charAt(exponent))) {
                i = exponent;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /** Reads a string literal whose opening quote is at {@code i}; adds the token, returns the end. */
    private static int string(String text, int i, boolean raw, boolean bytes, List<Token> tokens) {
        int start = i;
        char quote = text.charAt(i);
        String delimiter = text.startsWith(String.valueOf(quote).repeat(3), i)
                ? String.valueOf(quote).repeat(3)
                : String.valueOf(quote);
        i += delimiter.length();
        StringBuilder value = new StringBuilder();
        int n = text.length();
        while (true) {
            if (i >= n) {
                throw BigQueryApiException.invalidQuery("Unclosed string literal starting at offset " + start + ".");
            }
            if (text.startsWith(delimiter, i)) {
                i += delimiter.length();
                break;
            }
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (raw) {
                    value.append(c).append(text.charAt(i + 1));
                    i += 2;
                } else {
                    i = escape(text, i, value);
                }
            } else {
                value.append(c);
                i++;
            }
        }
        tokens.add(new Token(Kind.STRING, text.substring(start, i), value.toString(), bytes));
        return i;
    }

    /** Decodes the GoogleSQL escape sequence at {@code i} (a backslash); returns the index after it. */
    private static int escape(String text, int i, StringBuilder value) {
        char e = text.charAt(i + 1);
        switch (e) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case 'a' -> value.append('\u0007');
            case '\\', '\'', '"', '`', '?' -> value.append(e);
            case 'x', 'X' -> {
                return codePoint(text, i + 2, 2, 16, value);
            }
            case 'u' -> {
                return codePoint(text, i + 2, 4, 16, value);
            }
            case 'U' -> {
                return codePoint(text, i + 2, 8, 16, value);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    return codePoint(text, i + 1, 3, 8, value);
                }
                throw BigQueryApiException.invalidQuery("Illegal escape sequence: \\" + e);
            }
        }
        return i + 2;
    }

    private static int codePoint(String text, int from, int digits, int radix, StringBuilder value) {
        if (from + digits > text.length()) {
            throw BigQueryApiException.invalidQuery("Illegal escape sequence at offset " + from + ".");
        }
        try {
            value.appendCodePoint(Integer.parseInt(text.substring(from, from + digits), radix));
        } catch (IllegalArgumentException e) {
            throw BigQueryApiException.invalidQuery("Illegal escape sequence at offset " + from + ".");
        }
        return from + digits;
    }

    // ---------------------------------------------------------------------------------------------------
    // Query parameters

    /** The request's {@code queryParameters}, rendered as typed literals. */
    private static final class Parameters {
        private final Map<String, JsonNode> named = new HashMap<>();
        private final List<JsonNode> positional = new ArrayList<>();
        private int nextPositional;
        private boolean usedNamed;

        Parameters(JsonNode parameters) {
            if (parameters == null || !parameters.isArray()) {
                return;
            }
            for (JsonNode parameter : parameters) {
                JsonNode name = parameter.get("name");
                if (name != null && !name.asText().isEmpty()) {
                    named.put(name.asText().toLowerCase(Locale.ROOT), parameter);
                } else {
                    positional.add(parameter);
                }
            }
        }

        String named(String name) {
            usedNamed = true;
            if (nextPositional > 0) {
                throw BigQueryApiException.invalidQuery("Query has both positional and named parameters.");
            }
            JsonNode parameter = named.get(name.toLowerCase(Locale.ROOT));
            if (parameter == null) {
                throw BigQueryApiException.invalidQuery("Query parameter '" + name + "' not found");
            }
            return render(parameter, "@" + name);
        }

        String positional() {
            if (usedNamed) {
                throw BigQueryApiException.invalidQuery("Query has both positional and named parameters.");
            }
            if (nextPositional >= positional.size()) {
                throw BigQueryApiException.invalidQuery(
                        "Query has more '?' than positional parameters (" + positional.size() + ").");
            }
            return render(positional.get(nextPositional++), "?" + nextPositional);
        }

        private static String render(JsonNode parameter, String label) {
            String type = parameter.path("parameterType").path("type").asText("");
            JsonNode value = parameter.path("parameterValue").get("value");
            if (type.equals("BYTES")) {
                return value == null || value.isNull()
                        ? "CAST(NULL AS BLOB)"
                        : "from_base64(" + SqlText.literal(value.asText()) + ")";
            }
            String duckType = PARAMETER_TYPES.get(type);
            if (duckType == null) {
                throw BigQueryApiException.invalidQuery("Query parameter " + label + " has type '" + type
                        + "'; LocalBigQuery supports the scalar types " + PARAMETER_TYPES.keySet() + " and BYTES.");
            }
            String literal = value == null || value.isNull() ? "NULL" : SqlText.literal(value.asText());
            return "CAST(" + literal + " AS " + duckType + ")";
        }
    }
}
