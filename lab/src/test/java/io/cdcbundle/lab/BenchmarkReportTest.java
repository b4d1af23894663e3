package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark command rewrites its own section of docs/benchmarks.md and leaves the others as they are. */
class BenchmarkReportTest {

    @Test
    void aSectionIsReplacedByItsNextRunAndTheOthersStay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/benchmarks.md");
        BenchmarkReport.write(file, "jmh", "JMH", "benchmarks/run.sh", "| a | 1.00x |");
        BenchmarkReport.write(file, "pipeline", "Pipeline", "lab/run.sh bench", "| p | 2.00x |");
        BenchmarkReport.write(file, "jmh", "JMH", "benchmarks/run.sh 10", "| a | 3.00x |");
        String doc = Files.readString(file);
        assertTrue(doc.startsWith("# Benchmarks\n"), doc);
        assertTrue(!doc.contains("1.00x") && doc.contains("3.00x") && doc.contains("2.00x"), doc);
        assertTrue(doc.indexOf("section: jmh") < doc.indexOf("section: pipeline"), "a section keeps its place\n" + doc);
        assertEquals(1, doc.split("section: jmh", -1).length - 1, doc);
        assertTrue(doc.contains("Command: `benchmarks/run.sh 10`") && doc.contains(" cores ("), doc);
    }
}
