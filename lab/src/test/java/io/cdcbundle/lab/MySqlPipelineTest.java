package io.cdcbundle.lab;

import io.cdcbundle.lab.db.DatabaseKind;
import io.cdcbundle.lab.db.DatabaseServer;
import io.cdcbundle.lab.db.ExternalServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The seed's MySQL pipeline. No MySQL 8 server can be installed without Docker on Debian, so this test needs a
 * Docker engine and is skipped where there is none; the broker, worker and connectors are the lab's, as for the
 * MariaDB and PostgreSQL pipelines.
 */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(LabExtension.class)
class MySqlPipelineTest {

    @Container
    static final MySQLContainer MAIN = mysql(1);

    @Container
    static final MySQLContainer REPLICA = mysql(2);

    /** As the seed's mysql-main.cnf / mysql-replica.cnf: row-based binary log, distinct server ids. */
    private static MySQLContainer mysql(int serverId) {
        return new MySQLContainer("mysql:8.0").withUsername("root").withPassword("rootpass")
                .withCommand("--server-id=" + serverId, "--log-bin=mysql-bin", "--binlog-format=ROW");
    }

    private static DatabaseServer server(MySQLContainer container, String name) {
        return new ExternalServer(DatabaseKind.MYSQL, name, container.getHost(),
                container.getMappedPort(MySQLContainer.MYSQL_PORT), container.getUsername(), container.getPassword());
    }

    @Test
    void targetHoldsExactlyTheSourceRowsAfterInsertUpdateDelete(Lab lab) throws Exception {
        SeedScenarioPipelineTest.assertSeedScenarioReplicates(lab,
                lab.pipeline("mysql-to-mysql", server(MAIN, "mysql-main"), server(REPLICA, "mysql-replica")));
    }
}
