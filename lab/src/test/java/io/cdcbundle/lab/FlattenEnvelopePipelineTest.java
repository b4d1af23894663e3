package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdcbundle.lab.db.DatabaseKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FlattenEnvelope in the JDBC sink connector, loaded from the packaged plugin directory: the sink then receives
 * plain rows and tombstones instead of Debezium envelopes, and must still end equal to the source.
 */
@ExtendWith(LabExtension.class)
class FlattenEnvelopePipelineTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MARIADB, MARIADB", "POSTGRES, POSTGRES", "POSTGRES, MARIADB"})
    void seedScenarioThroughFlattenEnvelopeInTheSink(DatabaseKind source, DatabaseKind target, Lab lab) throws Exception {
        Pipeline pipeline = lab.pipeline(source.id() + "-flat-to-" + target.id(), lab.source(source), lab.target(target))
                .withSinkConfig(Map.of(
                        "transforms", "flatten",
                        "transforms.flatten.type", "io.cdcbundle.transforms.FlattenEnvelope",
                        // The op column proves the rows came through the transform: the sink alone never writes it.
                        "transforms.flatten.add.fields", "op",
                        "delete.enabled", "true"));
        SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab, pipeline);

        List<String> ops = new ArrayList<>();
        try (Connection c = pipeline.target().connect(pipeline.database()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, __op from " + Pipeline.TARGET_TABLE + " order by id")) {
            while (rs.next()) {
                ops.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        assertEquals(List.of("1:c", "2:u", "3:c", "5:c"), ops);
    }
}
