package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One MariaDB source connector for a database of three tables, one of them sharded in two, and ONE JDBC sink
 * connector for all of them (topics.regex) with RouteByTable and FlattenEnvelope: every target table must equal
 * its source, and the two shards must land in one table without their equal primary keys colliding.
 */
@ExtendWith(LabExtension.class)
class RouteByTablePipelineTest {

    private static final List<String> SOURCE_TABLES = List.of("customers", "products", "orders_0", "orders_1");

    @Test
    void oneSinkWritesEveryTableWhereItBelongsAndMergesShards(Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline("routing", lab.source(DatabaseKind.MARIADB), lab.target(DatabaseKind.POSTGRES));
        Map<String, String> sink = new HashMap<>();
        sink.put("topics", null);
        sink.put("topics.regex", pipeline.prefix() + "\\." + pipeline.database() + "\\..*");
        sink.put("collection.name.format", "${topic}");
        // A regex subscription sees topics created after it starts only at the next metadata refresh, by default
        // five minutes later; Debezium creates a table's topic with its first change.
        sink.put("consumer.override.metadata.max.age.ms", "1000");
        sink.put("primary.key.fields", null);
        sink.put("transforms", "route,flatten");
        sink.put("transforms.route.type", "io.cdcbundle.transforms.RouteByTable");
        sink.put("transforms.route.table.regex", "(.*)_[0-9]+");
        sink.put("transforms.route.table.replacement", "$1");
        sink.put("transforms.route.key.source.field", "__source_table");
        sink.put("transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope");
        pipeline = pipeline.withSinkConfig(sink);

        String db = pipeline.database();
        pipeline.source().recreateDatabase(db);
        pipeline.target().recreateDatabase(db);
        pipeline.source().execute(db, SOURCE_TABLES.stream()
                .map(t -> "create table " + t + " (id int auto_increment primary key, name varchar(10))")
                .toArray(String[]::new));
        lab.deploy(pipeline);
        try {
            List<String> scenario = new ArrayList<>();
            for (String table : SOURCE_TABLES) {
                for (int i = 1; i <= 5; i++) {
                    scenario.add("insert into " + table + " (name) values ('test" + i + "')");
                }
                scenario.add("update " + table + " set name='test4' where id=2");
                scenario.add("delete from " + table + " where id=4");
            }
            pipeline.source().execute(db, scenario.toArray(String[]::new));

            for (String table : List.of("customers", "products")) {
                assertEquals(SeedScenario.EXPECTED, SeedScenario.awaitRows(pipeline.target(), db, table,
                        SeedScenario.EXPECTED, Duration.ofSeconds(60)), table);
                assertEquals(SeedScenario.rows(pipeline.source(), db, table), SeedScenario.rows(pipeline.target(), db, table));
            }
            List<String> merged = new ArrayList<>();
            for (String shard : List.of("orders_0", "orders_1")) {
                for (SeedScenario.Row row : SeedScenario.rows(pipeline.source(), db, shard)) {
                    merged.add(shard + ":" + row);
                }
            }
            assertEquals(8, merged.size());
            assertEquals(merged, awaitShardRows(pipeline.target(), db, merged));
        } finally {
            lab.undeploy(pipeline);
        }
    }

    private static List<String> awaitShardRows(DatabaseServer target, String db, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = new ArrayList<>();
            try (Connection c = target.connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select __source_table, id, name from orders order by __source_table, id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + new SeedScenario.Row(rs.getInt(2), rs.getString(3)));
                }
            } catch (SQLException notYet) {
                // the sink has not created the table yet
            }
            if (rows.equals(expected)) {
                break;
            }
            Thread.sleep(100);
        }
        return rows;
    }

}
