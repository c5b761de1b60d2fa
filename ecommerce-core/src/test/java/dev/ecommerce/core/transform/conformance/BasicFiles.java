package dev.ecommerce.core.transform.conformance;

/**
 * The files the basic cases of dbt's adapter test suite share (its {@code basic/files.py}), written anew with
 * the same shapes: a 10-row seed {@code base} (id, name, some_date), a 20-row seed {@code added} that extends
 * it, a source {@code raw.seed} whose schema and identifier are Jinja, and the model bodies.
 */
final class BasicFiles {

    private BasicFiles() {}

    static final String SEED_BASE = """
            id,name,some_date
            1,Ada,1984-02-11T08:15:00
            2,Bram,1979-07-30T22:01:45
            3,Cleo,1990-11-05T13:30:12
            4,Dario,1972-01-19T04:44:59
            5,Edda,1988-06-23T17:05:33
            6,Fenna,1995-09-14T09:12:08
            7,Gus,1969-03-02T20:58:41
            8,Hana,1983-12-27T01:37:20
            9,Ivo,1999-05-08T15:26:54
            10,Juno,1976-10-16T11:49:03
            """;

    static final String SEED_ADDED = SEED_BASE + """
            11,Kai,2011-04-03T06:20:31
            12,Lena,2002-08-21T19:43:10
            13,Milo,2006-02-14T12:00:00
            14,Nia,2003-10-30T23:59:59
            15,Otto,2010-01-07T07:07:07
            16,Pia,2004-06-18T16:45:22
            17,Quinn,2018-09-09T03:33:33
            18,Rosa,2013-03-25T10:10:10
            19,Sven,2008-12-01T18:18:18
            20,Tess,2001-05-12T21:30:00
            """;

    /** A source whose schema and identifier are Jinja, rendered as dbt renders schema files. */
    static final String SCHEMA_BASE_YML = """
            version: 2
            sources:
              - name: raw
                schema: "{{ target.schema }}"
                tables:
                  - name: seed
                    identifier: "{{ var('seed_name', 'base') }}"
            """;

    static final String MODEL_BASE = """
              select * from {{ source('raw', 'seed') }}
            """;

    static final String MODEL_INCREMENTAL = """
            select * from {{ source('raw', 'seed') }}
            {% if is_incremental() %}
            where id > (select max(id) from {{ this }})
            {% endif %}
            """;

    static final String MODEL_EPHEMERAL = """
              select * from {{ ref('ephemeral') }}
            """;

    /** An ephemeral model with a CTE of its own (the suite's {@code ephemeral_with_cte_sql}). */
    static final String EPHEMERAL_WITH_CTE = """
              {{ config(materialized="ephemeral") }}
            with people as (
              select name, id from {{ ref('base') }}
            )
            select id, name from people where id is not null
            """;

    /** A query on the ephemeral model that finds no rows. */
    static final String EPHEMERAL_PASSING = """
            with big_ids as (
                select id, name from {{ ref('ephemeral') }}
                where id > 1000
            )
            select name, id from big_ids
            """;

    /** A query on the ephemeral model that finds every row. */
    static final String EPHEMERAL_FAILING = """
            with small_ids as (
                select id, name from {{ ref('ephemeral') }}
                where id < 1000
            )
            select name, id from small_ids
            """;

    /** A {@code not_null} test on the id of {@code name}, declared under {@code models:}. */
    static String notNullOnId(String name) {
        return """
                version: 2
                models:
                  - name: %s
                    columns:
                     - name: id
                       data_tests:
                         - not_null
                """.formatted(name);
    }

    static String config(String materialized) {
        return "  {{ config(materialized=\"" + materialized + "\") }}\n";
    }
}
