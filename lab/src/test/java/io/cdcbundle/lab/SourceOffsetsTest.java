package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * When the lab counts a source as past its initial snapshot: binlog offsets as Connect's REST API gave them in the
 * lab, PostgreSQL offsets with the keys Debezium 3.5's PostgresOffsetContext writes.
 */
class SourceOffsetsTest {

    private static JsonNode offsets(String offset) throws Exception {
        return new ObjectMapper().readTree("{\"offsets\": [{\"partition\": {\"server\": \"s\"}, \"offset\": " + offset
                + "}]}");
    }

    @Test
    void aBinlogOffsetIsPastTheSnapshotOnceItNoLongerSaysSnapshot() throws Exception {
        assertFalse(Lab.pastSnapshot(offsets(
                "{\"file\": \"mariadb-bin.000002\", \"pos\": 557167, \"gtids\": \"1-1-234\", \"snapshot\": \"INITIAL\"}")));
        assertTrue(Lab.pastSnapshot(offsets(
                "{\"ts_sec\": 1795662634, \"file\": \"mariadb-bin.000001\", \"pos\": 1397, \"gtids\": \"1-1-6\"}")));
    }

    @Test
    void aPostgresOffsetIsPastTheSnapshotAtItsLastRecord() throws Exception {
        assertFalse(Lab.pastSnapshot(offsets("{\"lsn\": 123, \"snapshot\": \"INITIAL\", \"last_snapshot_record\": false}")));
        assertTrue(Lab.pastSnapshot(offsets("{\"lsn\": 123, \"snapshot\": \"INITIAL\", \"last_snapshot_record\": true}")));
        assertTrue(Lab.pastSnapshot(offsets("{\"lsn\": 123, \"snapshot\": \"INITIAL\", \"snapshot_completed\": true}")));
    }

    @Test
    void noOffsetIsNotPastTheSnapshot() throws Exception {
        assertFalse(Lab.pastSnapshot(new ObjectMapper().readTree("{\"offsets\": []}")));
    }
}
