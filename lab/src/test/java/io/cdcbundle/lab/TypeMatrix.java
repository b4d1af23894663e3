package io.cdcbundle.lab;

import java.util.List;
import java.util.Set;

import io.cdcbundle.lab.db.DatabaseKind;

/**
 * The column types users replicate, per source engine, each with edge values: our type-fidelity contract. Row 1 holds
 * the extreme or unusual value, row 2 another one (zero, empty, the other extreme), row 3 NULL in every column. The
 * pipeline test inserts the rows, updates row 3 to row 1's values and row 1 to NULLs, and deletes row 2.
 */
final class TypeMatrix {

    private TypeMatrix() {
    }

    /** How a value is compared between servers: its rendering is normalised, never its value. */
    enum Compare { TEXT, NUMBER, FLOAT, BOOLEAN, JSON, TIME, TIME_TZ, INSTANT, BYTES, BITS, ARRAY, INTERVAL }

    /**
     * A source column: its type on the source server, its literal in each of the three rows, how to compare, and the
     * targets it runs to (a value the target engine cannot hold, such as NaN in a MariaDB DOUBLE, runs only where
     * it can).
     */
    record Column(String name, String type, Compare compare, Set<DatabaseKind> targets, String... literals) {

        Column(String name, String type, Compare compare, String... literals) {
            this(name, type, compare, Set.of(DatabaseKind.MARIADB, DatabaseKind.POSTGRES), literals);
        }

        boolean runsTo(DatabaseKind target) {
            return targets.contains(target);
        }
    }

    /** Columns a table on the source is created with before the first row: what the source needs to run them. */
    static List<String> setUp(DatabaseKind source) {
        return source == DatabaseKind.POSTGRES
                ? List.of("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
                : List.of();
    }

    /** Primary-key columns of everyday kinds, together one composite key: the update and delete paths by key. */
    static List<Column> keys(DatabaseKind source) {
        return source == DatabaseKind.POSTGRES ? POSTGRES_KEYS : MARIADB_KEYS;
    }

    static final List<Column> MARIADB_KEYS = List.of(
            new Column("k_text", "VARCHAR(100)", Compare.TEXT, "'한글 😀 key'", "''", "'z'"),
            new Column("k_time", "DATETIME(6)", Compare.TIME, "'2024-01-02 03:04:05.123456'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'"),
            new Column("k_dec", "DECIMAL(20,5)", Compare.NUMBER, "-1.5", "0", "123456789012345.12345"),
            new Column("k_big_u", "BIGINT UNSIGNED", Compare.NUMBER, "18446744073709551615", "0", "1"),
            new Column("k_bin", "VARBINARY(16)", Compare.BYTES, "X'00FF'", "X'00'", "X'01'"),
            new Column("k_date", "DATE", Compare.TIME, "'2024-02-29'", "'1970-01-01'", "'2000-01-01'"));

    static final List<Column> POSTGRES_KEYS = List.of(
            new Column("k_text", "varchar(100)", Compare.TEXT, "'한글 😀 key'", "''", "'z'"),
            new Column("k_time", "timestamp(6)", Compare.TIME, "'2024-01-02 03:04:05.123456'", "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'"),
            new Column("k_dec", "numeric(20,5)", Compare.NUMBER, "-1.5", "0", "123456789012345.12345"),
            new Column("k_uuid", "uuid", Compare.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"),
            new Column("k_bin", "bytea", Compare.BYTES, "'\\x00ff'", "'\\x00'", "'\\x01'"),
            new Column("k_date", "date", Compare.TIME, "'2024-02-29'", "'1970-01-01'", "'2000-01-01'"));

    static List<Column> of(DatabaseKind source) {
        return source == DatabaseKind.POSTGRES ? POSTGRES : MARIADB;
    }

    private static final String BIG_TEXT = "REPEAT('x', 70000)";

    static final List<Column> MARIADB = List.of(
            new Column("c_tinyint", "TINYINT", Compare.NUMBER, "-128", "127", "NULL"),
            new Column("c_tinyint_u", "TINYINT UNSIGNED", Compare.NUMBER, "255", "0", "NULL"),
            new Column("c_smallint", "SMALLINT", Compare.NUMBER, "-32768", "32767", "NULL"),
            new Column("c_smallint_u", "SMALLINT UNSIGNED", Compare.NUMBER, "65535", "0", "NULL"),
            new Column("c_mediumint", "MEDIUMINT", Compare.NUMBER, "-8388608", "8388607", "NULL"),
            new Column("c_mediumint_u", "MEDIUMINT UNSIGNED", Compare.NUMBER, "16777215", "0", "NULL"),
            new Column("c_int", "INT", Compare.NUMBER, "-2147483648", "2147483647", "NULL"),
            new Column("c_int_u", "INT UNSIGNED", Compare.NUMBER, "4294967295", "1", "NULL"),
            new Column("c_bigint", "BIGINT", Compare.NUMBER, "-9223372036854775808", "9223372036854775807", "NULL"),
            new Column("c_bigint_u", "BIGINT UNSIGNED", Compare.NUMBER, "18446744073709551615", "0", "NULL"),
            new Column("c_bool", "BOOLEAN", Compare.BOOLEAN, "TRUE", "FALSE", "NULL"),
            new Column("c_tinyint1", "TINYINT(1)", Compare.NUMBER, "1", "0", "NULL"),
            new Column("c_decimal_max", "DECIMAL(65,30)", Compare.NUMBER,
                    "-99999999999999999999999999999999999.999999999999999999999999999999", "0", "NULL"),
            new Column("c_decimal_int", "DECIMAL(20,0)", Compare.NUMBER, "-99999999999999999999", "0", "NULL"),
            new Column("c_decimal", "DECIMAL(12,3)", Compare.NUMBER, "-123456789.125", "0.5", "NULL"),
            new Column("c_float", "FLOAT", Compare.FLOAT, "-3.40282e38", "1.17549e-38", "NULL"),
            new Column("c_double", "DOUBLE", Compare.NUMBER, "1.7976931348623157e308", "-4.9e-324", "NULL"),
            new Column("c_char", "CHAR(10)", Compare.TEXT, "'abc'", "''", "NULL"),
            new Column("c_varchar", "VARCHAR(255)", Compare.TEXT, "'한글 ✓ 😀 ''quoted'' \\\\ \"'", "''", "NULL"),
            new Column("c_text", "TEXT", Compare.TEXT, "REPEAT('y', 5000)", "'line1\\nline2\\ttab'", "NULL"),
            new Column("c_mediumtext", "MEDIUMTEXT", Compare.TEXT, BIG_TEXT, "'😀'", "NULL"),
            new Column("c_binary", "BINARY(4)", Compare.BYTES, "X'00000000'", "X'FFFFFFFF'", "NULL"),
            new Column("c_varbinary", "VARBINARY(16)", Compare.BYTES, "X'00FF10'", "X''", "NULL"),
            new Column("c_blob", "BLOB", Compare.BYTES, "X'0000'", "X''", "NULL"),
            new Column("c_bit1", "BIT(1)", Compare.BOOLEAN, "b'1'", "b'0'", "NULL"),
            new Column("c_bit8", "BIT(8)", Compare.BITS, "b'10100101'", "b'00000000'", "NULL"),
            new Column("c_bit8_ones", "BIT(8)", Compare.BITS, "b'11111111'", "b'00000001'", "NULL"),
            new Column("c_bit16", "BIT(16)", Compare.BITS, "b'1000000000000010'", "b'0000000100000000'", "NULL"),
            new Column("c_bit64", "BIT(64)", Compare.BITS, "b'1" + "0".repeat(62) + "1'", "b'" + "1".repeat(64) + "'", "NULL"),
            new Column("c_enum", "ENUM('red','green','blue')", Compare.TEXT, "'green'", "'red'", "NULL"),
            new Column("c_set", "SET('a','b','c')", Compare.TEXT, "'a,c'", "''", "NULL"),
            new Column("c_json", "JSON", Compare.JSON,
                    "'{\"a\": [1, 2.5, {\"b\": null}], \"s\": \"한글 😀\", \"t\": true}'", "'[]'", "NULL"),
            new Column("c_uuid", "UUID", Compare.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "'00000000-0000-0000-0000-000000000000'", "NULL"),
            new Column("c_date", "DATE", Compare.TIME, "'1000-01-01'", "'9999-12-31'", "NULL"),
            new Column("c_time0", "TIME", Compare.TIME, "'23:59:59'", "'00:00:00'", "NULL"),
            new Column("c_time3", "TIME(3)", Compare.TIME, "'12:34:56.789'", "'00:00:00.001'", "NULL"),
            new Column("c_time6", "TIME(6)", Compare.TIME, "'23:59:59.999999'", "'00:00:00'", "NULL"),
            new Column("c_time_long", "TIME", Compare.TIME, Set.of(DatabaseKind.MARIADB), "'838:59:59'", "'-838:59:59'", "NULL"),
            new Column("c_datetime0", "DATETIME", Compare.TIME, "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "NULL"),
            new Column("c_datetime3", "DATETIME(3)", Compare.TIME, "'2024-02-29 12:00:00.123'", "'1970-01-01 00:00:00'", "NULL"),
            new Column("c_datetime6", "DATETIME(6)", Compare.TIME, "'9999-12-31 23:59:59.999999'", "'1969-12-31 23:59:59.5'", "NULL"),
            new Column("c_timestamp6", "TIMESTAMP(6) NULL", Compare.INSTANT, "'2038-01-19 03:14:07.999999'", "'1970-01-01 00:00:01'", "NULL"),
            new Column("c_year", "YEAR", Compare.NUMBER, "2155", "1901", "NULL"),
            new Column("c_tinytext", "TINYTEXT", Compare.TEXT, "'tiny 😀'", "''", "NULL"),
            new Column("c_longtext", "LONGTEXT", Compare.TEXT, BIG_TEXT, "'long'", "NULL"),
            new Column("c_text_nul", "TEXT", Compare.TEXT, Set.of(DatabaseKind.MARIADB), "'a\\0b'", "'\\0'", "NULL"),
            new Column("c_tinyblob", "TINYBLOB", Compare.BYTES, "X'FF'", "X''", "NULL"),
            new Column("c_mediumblob", "MEDIUMBLOB", Compare.BYTES, "REPEAT(X'00FF', 40000)", "X'00'", "NULL"),
            new Column("c_longblob", "LONGBLOB", Compare.BYTES, "X'0102030405'", "X''", "NULL"),
            new Column("c_decimal_u", "DECIMAL(10,2) UNSIGNED", Compare.NUMBER, "99999999.99", "0", "NULL"),
            new Column("c_float_u", "FLOAT UNSIGNED", Compare.FLOAT, "3.40282e38", "0", "NULL"),
            new Column("c_double_u", "DOUBLE UNSIGNED", Compare.NUMBER, "1.7976931348623157e308", "0", "NULL"),
            new Column("c_varchar_bin", "VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", Compare.TEXT, "'CaSe'", "' '", "NULL"),
            new Column("c_char_latin1", "CHAR(5) CHARACTER SET latin1", Compare.TEXT, "'café'", "'a'", "NULL"),
            new Column("c_str_default", "VARCHAR(10) DEFAULT 'it''s'", Compare.TEXT, "DEFAULT", "'x'", "NULL"),
            new Column("c_date_default", "DATE DEFAULT '2020-02-29'", Compare.TIME, "DEFAULT", "'2021-01-01'", "NULL"),
            new Column("c_bit_default", "BIT(8) DEFAULT b'101'", Compare.BITS, "DEFAULT", "b'0'", "NULL"),
            new Column("c_dec_default", "DECIMAL(5,2) DEFAULT 1.50", Compare.NUMBER, "DEFAULT", "0", "NULL"),
            new Column("c_ts_default", "DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)", Compare.TIME, "'2001-02-03 04:05:06'", "'2001-02-03 04:05:07'", "NULL"),
            new Column("c_default", "INT DEFAULT 42", Compare.NUMBER, "DEFAULT", "0", "NULL"));

    static final List<Column> POSTGRES = List.of(
            new Column("c_smallint", "smallint", Compare.NUMBER, "-32768", "32767", "NULL"),
            new Column("c_int", "integer", Compare.NUMBER, "-2147483648", "2147483647", "NULL"),
            new Column("c_bigint", "bigint", Compare.NUMBER, "-9223372036854775808", "9223372036854775807", "NULL"),
            new Column("c_numeric", "numeric(12,3)", Compare.NUMBER, "-123456789.125", "0.5", "NULL"),
            new Column("c_numeric_max", "numeric(65,30)", Compare.NUMBER,
                    "-99999999999999999999999999999999999.999999999999999999999999999999", "0", "NULL"),
            new Column("c_numeric_int", "numeric(20,0)", Compare.NUMBER, "-99999999999999999999", "0", "NULL"),
            new Column("c_numeric_free", "numeric", Compare.NUMBER, "-1234567890.0123456789", "0", "NULL"),
            new Column("c_real", "real", Compare.FLOAT, "-3.40282e38", "1.17549e-38", "NULL"),
            new Column("c_double", "double precision", Compare.NUMBER, "1.7976931348623157e308", "-4.9e-324", "NULL"),
            new Column("c_bool", "boolean", Compare.BOOLEAN, "true", "false", "NULL"),
            new Column("c_char", "char(10)", Compare.TEXT, "'abc'", "''", "NULL"),
            new Column("c_varchar", "varchar(255)", Compare.TEXT, "'한글 ✓ 😀 ''quoted'' \\ \"'", "''", "NULL"),
            new Column("c_text", "text", Compare.TEXT, "repeat('y', 70000)", "E'line1\\nline2\\ttab'", "NULL"),
            new Column("c_bytea", "bytea", Compare.BYTES, "'\\x0000'", "''", "NULL"),
            new Column("c_bit1", "bit(1)", Compare.BOOLEAN, "B'1'", "B'0'", "NULL"),
            new Column("c_bit8", "bit(8)", Compare.BITS, "B'10100101'", "B'00000000'", "NULL"),
            new Column("c_bit16", "bit(16)", Compare.BITS, "B'1000000000000010'", "B'0000000100000000'", "NULL"),
            new Column("c_varbit", "bit varying(16)", Compare.BITS, "B'101'", "B'0'", "NULL"),
            new Column("c_enum", "mood", Compare.TEXT, "'happy'", "'sad'", "NULL"),
            new Column("c_json", "json", Compare.JSON,
                    "'{\"a\": [1, 2.5, {\"b\": null}], \"s\": \"한글 😀\", \"t\": true}'", "'[]'", "NULL"),
            new Column("c_jsonb", "jsonb", Compare.JSON, "'{\"n\": {\"m\": [\"x\", 1e3]}}'", "'{}'", "NULL"),
            new Column("c_uuid", "uuid", Compare.TEXT, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "'00000000-0000-0000-0000-000000000000'", "NULL"),
            new Column("c_date", "date", Compare.TIME, "'0001-01-01'", "'9999-12-31'", "NULL"),
            new Column("c_time0", "time(0)", Compare.TIME, "'23:59:59'", "'00:00:00'", "NULL"),
            new Column("c_time3", "time(3)", Compare.TIME, "'12:34:56.789'", "'00:00:00.001'", "NULL"),
            new Column("c_time6", "time(6)", Compare.TIME, "'23:59:59.999999'", "'00:00:00'", "NULL"),
            new Column("c_timetz", "timetz", Compare.TIME_TZ, Set.of(DatabaseKind.POSTGRES), "'10:11:12.5+02'", "'00:00:00Z'", "NULL"),
            new Column("c_timestamp0", "timestamp(0)", Compare.TIME, "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "NULL"),
            new Column("c_timestamp3", "timestamp(3)", Compare.TIME, "'2024-02-29 12:00:00.123'", "'1970-01-01 00:00:00'", "NULL"),
            new Column("c_timestamp6", "timestamp(6)", Compare.TIME, "'9999-12-31 23:59:59.999999'", "'1969-12-31 23:59:59.5'", "NULL"),
            new Column("c_timestamptz", "timestamptz", Compare.INSTANT, "'2024-06-30 23:59:59.123456+09'", "'1970-01-01 00:00:00Z'", "NULL"),
            new Column("c_ts_infinity", "timestamp", Compare.TIME, Set.of(DatabaseKind.POSTGRES), "'infinity'", "'-infinity'", "NULL"),
            new Column("c_interval", "interval", Compare.INTERVAL, "'3 days 04:05:06.5'", "'-00:00:01'", "NULL"),
            new Column("c_inet", "inet", Compare.TEXT, "'192.168.0.1/24'", "'::1'", "NULL"),
            new Column("c_cidr", "cidr", Compare.TEXT, "'10.0.0.0/8'", "'2001:db8::/32'", "NULL"),
            new Column("c_macaddr", "macaddr", Compare.TEXT, "'08:00:2b:01:02:03'", "'00:00:00:00:00:00'", "NULL"),
            new Column("c_money", "money", Compare.NUMBER, "'-92233720368547758.08'", "'0'", "NULL"),
            new Column("c_int_array", "int[]", Compare.ARRAY, "'{1,NULL,-2147483648}'", "'{}'", "NULL"),
            new Column("c_text_array", "text[]", Compare.ARRAY, "ARRAY['a', NULL, '한글 😀', 'with,comma', '']", "'{}'", "NULL"),
            new Column("c_real_array", "real[]", Compare.ARRAY, "'{1.5,-0.25,NULL}'", "'{}'", "NULL"),
            new Column("c_bool_array", "boolean[]", Compare.ARRAY, "'{true,false,NULL}'", "'{}'", "NULL"),
            new Column("c_uuid_array", "uuid[]", Compare.ARRAY, "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'", "'{}'", "NULL"),
            new Column("c_numeric_array", "numeric(10,2)[]", Compare.ARRAY, "'{1.50,-2.25}'", "'{}'", "NULL"),
            new Column("c_date_array", "date[]", Compare.ARRAY, "'{2024-02-29,1970-01-01}'", "'{}'", "NULL"),
            new Column("c_varchar_array", "varchar(10)[]", Compare.ARRAY, "'{\"a b\",\"c\"}'", "'{}'", "NULL"),
            new Column("c_bigint_array", "bigint[]", Compare.ARRAY, "'{9223372036854775807}'", "'{}'", "NULL"),
            new Column("c_xml", "xml", Compare.TEXT, "'<a b=\"1\">t &amp; u</a>'", "''", "NULL"),
            new Column("c_int4range", "int4range", Compare.TEXT, "'[1,10)'", "'empty'", "NULL"),
            new Column("c_tsrange", "tsrange", Compare.TEXT, "'[2024-01-01 00:00,2024-01-02 00:00)'", "'(,)'", "NULL"),
            new Column("c_date_infinity", "date", Compare.TIME, Set.of(DatabaseKind.POSTGRES), "'infinity'", "'-infinity'", "NULL"),
            new Column("c_tstz_infinity", "timestamptz", Compare.TEXT, Set.of(DatabaseKind.POSTGRES), "'infinity'", "'-infinity'", "NULL"),
            new Column("c_text_default", "text DEFAULT 'it''s'", Compare.TEXT, "DEFAULT", "'x'", "NULL"),
            new Column("c_jsonb_default", "jsonb DEFAULT '{}'::jsonb", Compare.JSON, "DEFAULT", "'[1]'", "NULL"),
            new Column("c_ts_default", "timestamp DEFAULT now()", Compare.TIME, "'2001-02-03 04:05:06'", "'2001-02-03 04:05:07'", "NULL"),
            new Column("c_bool_default", "boolean DEFAULT true", Compare.BOOLEAN, "DEFAULT", "false", "NULL"),
            new Column("c_default", "integer DEFAULT 42", Compare.NUMBER, "DEFAULT", "0", "NULL"));
}
