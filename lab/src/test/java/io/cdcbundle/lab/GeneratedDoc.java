package io.cdcbundle.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of docs/ that a test run writes from what it saw: with {@code -Dcdcbundle.docs.write=true} the run writes
 * it; otherwise the run fails when the committed file differs, so the docs never claim what no run showed.
 */
final class GeneratedDoc {

    private GeneratedDoc() {
    }

    /** @param regenerate the command that rewrites the file, quoted in the failure */
    static void writeOrCompare(String file, String rendered, String regenerate) throws IOException {
        Path path = docsDir().resolve(file);
        if (Boolean.getBoolean("cdcbundle.docs.write")) {
            Files.createDirectories(path.getParent());
            Files.writeString(path, rendered, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "(missing)";
        assertEquals(committed, rendered, "docs/" + file + " is not what this run saw: regenerate it with "
                + regenerate + ", and say in the commit why it changed");
    }

    static Path docsDir() {
        return Path.of(System.getProperty("cdcbundle.docs.dir", "../docs"));
    }
}
