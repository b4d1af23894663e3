package io.cdcbundle.lab;

import java.util.ArrayList;
import java.util.List;

import io.cdcbundle.lab.db.DatabaseKind;

/**
 * {@code lab/run.sh}: starts the lab, runs the seed's scenario through each pipeline, prints each target table,
 * then serves the Connect REST API until Ctrl-C.
 */
public final class LabMain {

    private static final String USAGE = """
            Usage: lab/run.sh [--rest-port PORT] [--pipelines LIST] [--exit]
              --rest-port PORT  Kafka Connect REST port (default 8083, as in the seed)
              --pipelines LIST  comma-separated, from: mariadb-to-mariadb, postgres-to-postgres,
                                mariadb-to-postgres, postgres-to-mariadb (default: all four)
              --exit            stop after printing the target tables instead of serving until Ctrl-C
            """;

    private LabMain() {
    }

    public static void main(String[] args) throws Exception {
        int restPort = 8083;
        List<String> names = List.of("mariadb-to-mariadb", "postgres-to-postgres", "mariadb-to-postgres", "postgres-to-mariadb");
        boolean exit = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rest-port" -> restPort = Integer.parseInt(value(args, ++i));
                case "--pipelines" -> names = List.of(value(args, ++i).split(","));
                case "--exit" -> exit = true;
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> fail("Unknown option " + args[i]);
            }
        }
        List<DatabaseKind[]> routes = new ArrayList<>();
        for (String name : names) {
            routes.add(route(name.trim()));
        }

        System.out.println("cdc-bundle lab " + Lab.buildInfo());
        System.out.println("Starting MariaDB and PostgreSQL main/replica instances, a KRaft broker and a Connect worker...");
        Lab lab;
        try {
            lab = Lab.start(restPort);
        } catch (Exception e) {
            fail(e.getMessage());
            return;
        }
        lab.servers().forEach(s -> System.out.println("  " + s));
        System.out.println("  kafka on " + lab.cluster().bootstrapServers() + ", Connect REST API on " + lab.cluster().restUrl());

        boolean allEqual = true;
        for (DatabaseKind[] route : routes) {
            Pipeline pipeline = lab.pipeline(route[0], route[1]);
            System.out.println();
            System.out.println("== " + pipeline.name() + ": " + pipeline.sourceConnector() + " -> " + pipeline.topic()
                    + " -> " + pipeline.sinkConnector());
            SeedScenario.prepare(pipeline);
            lab.deploy(pipeline);
            SeedScenario.run(pipeline);
            List<SeedScenario.Row> rows = SeedScenario.awaitRows(pipeline.target(), pipeline.database(),
                    Pipeline.TARGET_TABLE, SeedScenario.EXPECTED, java.time.Duration.ofSeconds(60));
            System.out.println(pipeline.target().name() + " " + pipeline.database() + "." + Pipeline.TARGET_TABLE + ":");
            System.out.print(SeedScenario.format(rows));
            boolean equal = rows.equals(SeedScenario.EXPECTED);
            allEqual &= equal;
            System.out.println(equal ? "target equals the seed's expected rows " + SeedScenario.EXPECTED
                    : "MISMATCH: expected " + SeedScenario.EXPECTED + " but the target holds " + rows);
        }

        System.out.println();
        if (exit) {
            lab.close();
            System.exit(allEqual ? 0 : 1);
        }
        String rest = "http://localhost:" + restPort;
        System.out.println("The lab is up. Try:");
        System.out.println("  curl -s " + rest + "/connectors");
        System.out.println("  curl -s " + rest + "/connectors/mariadb-to-mariadb-source/status");
        System.out.println("  curl -s " + rest + "/connectors/mariadb-to-mariadb-source/config   (passwords are ${secrets:...} references)");
        System.out.println("  curl -s '" + rest + "/connector-plugins?connectorsOnly=false'");
        System.out.println("Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }

    private static DatabaseKind[] route(String name) {
        String[] parts = name.split("-to-");
        try {
            if (parts.length == 2) {
                DatabaseKind source = kind(parts[0]);
                DatabaseKind target = kind(parts[1]);
                return new DatabaseKind[] {source, target};
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        fail("Unknown pipeline '" + name + "'\n" + USAGE);
        return null;
    }

    private static DatabaseKind kind(String id) {
        for (DatabaseKind kind : Lab.LOCAL_KINDS) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail("Option " + args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("lab: " + message);
        System.exit(2);
    }
}
