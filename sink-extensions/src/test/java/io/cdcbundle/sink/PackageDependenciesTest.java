package io.cdcbundle.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The direction of dependence between the sink's packages, read from the import lines of the sources: connector ->
 * rules, settings, task; task -> settings, dialect, jdbc; dialect -> jdbc, settings; jdbc -> settings; lint -> rules,
 * settings; rules -> settings; settings -> nothing of ours. Rules and lint must run without Kafka's jars (the linter
 * is a command-line tool), so they import plain Java only, as does settings apart from its ConfigDef.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/cdcbundle/sink");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);
    private static final String OURS = "io.cdcbundle.sink";

    /** Package (last name; "" = the connector's) -> the packages of ours it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("rules", "settings", "task"),
            "lint", Set.of("rules", "settings"),
            "rules", Set.of("settings"),
            "settings", Set.of(),
            "task", Set.of("settings", "dialect", "jdbc"),
            "dialect", Set.of("settings", "jdbc"),
            "jdbc", Set.of("settings"));

    /** Plain Java: these run in the linter's JVM, which has no Kafka, Debezium, Hibernate or logging jars. */
    private static final Set<String> PLAIN_JAVA = Set.of("lint", "rules");

    @Test
    void eachPackageImportsOnlyWhatItsJobNeeds() {
        List<String> wrong = new ArrayList<>();
        for (Path source : sources()) {
            String pkg = packageOf(source);
            assertTrue(ALLOWED.containsKey(pkg), "a package without a declared place: " + source);
            for (String imported : imports(source)) {
                if (imported.startsWith(OURS)) {
                    String target = imported.equals(OURS) ? "" : imported.substring(OURS.length() + 1).split("\\.")[0];
                    if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
                        wrong.add(source + " imports " + imported);
                    }
                }
                boolean plain = imported.startsWith("java.") || imported.startsWith(OURS);
                boolean plainSettings = pkg.equals("settings") && !source.endsWith("DialectConfig.java");
                if ((PLAIN_JAVA.contains(pkg) || plainSettings) && !plain) {
                    wrong.add(source + " imports " + imported + ", which the linter's JVM does not have");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void rulesReadTheDialectOptionsWithoutTheirConfigDef() throws IOException {
        for (Path source : sources()) {
            if (PLAIN_JAVA.contains(packageOf(source))) {
                String text = Files.readString(source);
                assertTrue(!text.contains("DialectConfig"), source + " names DialectConfig, which builds a Kafka ConfigDef");
            }
        }
    }

    private static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertTrue(found.size() > 30, "sources not found under " + SOURCES.toAbsolutePath());
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(Path source) {
        Path dir = SOURCES.relativize(source).getParent();
        return dir == null ? "" : dir.toString().replace('/', '.');
    }

    private static List<String> imports(Path source) {
        try {
            List<String> found = new ArrayList<>();
            Matcher m = IMPORT.matcher(Files.readString(source));
            while (m.find()) {
                found.add(m.group(1));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
