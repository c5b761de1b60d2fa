package dev.ecommerce.core.transform.conformance;

/**
 * Seeds of the snapshot cases of dbt's adapter test suite ({@code basic/files.py}), written as our own: ten
 * people in {@code base}, the same ten and ten more in {@code added}, and {@code base} with a fourth column in
 * {@code newcolumns}. The SQL that changes {@code added} between runs as the suite's {@code update_rows} does.
 */
final class SnapshotSeeds {

    static final String BASE = """
            id,name,some_date
            1,Ada,1980-01-01T01:00:00
            2,Ben,1981-02-02T02:00:00
            3,Cleo,1982-03-03T03:00:00
            4,Dan,1983-04-04T04:00:00
            5,Eva,1984-05-05T05:00:00
            6,Finn,1985-06-06T06:00:00
            7,Gus,1986-07-07T07:00:00
            8,Hana,1987-08-08T08:00:00
            9,Ivo,1988-09-09T09:00:00
            10,Jo,1989-10-10T10:00:00
            """;

    static final String ADDED = BASE + """
            11,Kai,2001-01-11T11:00:00
            12,Lea,2002-02-12T12:00:00
            13,Max,2003-03-13T13:00:00
            14,Nia,2004-04-14T14:00:00
            15,Oto,2005-05-15T15:00:00
            16,Pia,2006-06-16T16:00:00
            17,Quin,2007-07-17T17:00:00
            18,Rui,2008-08-18T18:00:00
            19,Sol,2009-09-19T19:00:00
            20,Tea,2010-10-20T20:00:00
            """;

    static final String NEW_COLUMNS = """
            id,name,some_date,last_initial
            1,Ada,1980-01-01T01:00:00,A
            2,Ben,1981-02-02T02:00:00,B
            3,Cleo,1982-03-03T03:00:00,C
            4,Dan,1983-04-04T04:00:00,D
            5,Eva,1984-05-05T05:00:00,E
            6,Finn,1985-06-06T06:00:00,F
            7,Gus,1986-07-07T07:00:00,G
            8,Hana,1987-08-08T08:00:00,H
            9,Ivo,1988-09-09T09:00:00,I
            10,Jo,1989-10-10T10:00:00,J
            """;

    /** {@code update_rows} with {@code add_timestamp}: one hour later for ids 11 to 20. */
    static final String LATER_DATES =
            "UPDATE test_schema.added SET some_date = some_date + INTERVAL 1 HOUR WHERE id > 10 AND id < 21";

    /** {@code update_rows} with {@code add_string}: {@code _updated} appended to the names of ids 1 to 10. */
    static final String UPDATED_NAMES = "UPDATE test_schema.added SET name = name || '_updated' WHERE id < 11";

    /** A snapshot of {@code ref(var('seed_name', 'base'))} with the legacy target schema and database. */
    static String snapshot(String name, String config) {
        return "{% snapshot " + name + " %}\n    {{ config(" + config
                + ", target_database=database, target_schema=schema) }}\n"
                + "    select * from {{ ref(var('seed_name', 'base')) }}\n{% endsnapshot %}\n";
    }

    private SnapshotSeeds() {}
}
