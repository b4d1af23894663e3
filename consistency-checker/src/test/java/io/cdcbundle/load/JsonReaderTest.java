package io.cdcbundle.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsTheValuesOfConnectorJsonAndStatusAnswers() {
        Object json = JsonReader.parse(" {\"name\": \"a\\\"b\\u00e9\\n\", \"config\": {\"tasks.max\": 1, \"x\": null},"
                + " \"tasks\": [{\"state\": \"RUNNING\"}, true, false, -1.5e2], \"empty\": {}, \"none\": []} ");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tasks.max", new BigDecimal("1"));
        config.put("x", null);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "a\"b\u00e9\n");
        expected.put("config", config);
        expected.put("tasks", Arrays.asList(Map.of("state", "RUNNING"), true, false, new BigDecimal("-1.5e2")));
        expected.put("empty", Map.of());
        expected.put("none", List.of());
        assertEquals(expected, json);
    }

    @Test
    void refusesWhatIsNotJsonWithWhereItStopped() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "{\"a\": tru}", "\"open", "{} x", "{'a': 1}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("not JSON: expected "), e.getMessage());
        }
    }
}
