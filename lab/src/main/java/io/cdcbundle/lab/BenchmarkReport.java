package io.cdcbundle.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code docs/benchmarks.md}: each benchmark command writes its own section there from its latest run, with the
 * machine, the date and the command, so that no figure is ever copied by hand. Used by the lab's {@code bench} and
 * {@code sink-bench}, and from {@code benchmarks/run.sh} through {@link #main} (the JMH table on standard input).
 */
public final class BenchmarkReport {

    private static final String HEADER = "# Benchmarks\n\n"
            + "Each section below is written by the command it names, from that command's latest run on the machine it "
            + "names; nothing here is copied by hand. Figures are medians; each ratio compares ours with its anchor "
            + "from the same run.\n";

    private BenchmarkReport() {
    }

    /** {@code BenchmarkReport SECTION TITLE COMMAND < body}: for benchmark commands outside the lab. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("Usage: BenchmarkReport SECTION TITLE COMMAND < body");
            System.exit(2);
        }
        String body = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("Written to " + write(args[0], args[1], args[2], body));
    }

    /** Replaces (or adds) the named section of docs/benchmarks.md and returns the file. */
    public static Path write(String section, String title, String command, String body) {
        return write(Path.of(Lab.buildInfo().get("repository.root")).resolve("docs/benchmarks.md").normalize(),
                section, title, command, body);
    }

    static Path write(Path file, String section, String title, String command, String body) {
        String begin = "<!-- section: " + section + " -->";
        String end = "<!-- end: " + section + " -->";
        String text = begin + "\n## " + title + "\n\n" + machine() + "\n\nCommand: `" + command + "`\n\n"
                + body.strip() + "\n" + end;
        try {
            String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            int from = doc.indexOf(begin);
            int to = doc.indexOf(end);
            doc = from >= 0 && to > from ? doc.substring(0, from) + text + doc.substring(to + end.length())
                    : doc.stripTrailing() + "\n\n" + text + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, doc, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** When and where: the figures mean little without the machine they ran on. */
    static String machine() {
        return "Run " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + " on " + Runtime.getRuntime().availableProcessors() + " cores (" + procValue("/proc/cpuinfo", "model name")
                + "), " + procValue("/proc/meminfo", "MemTotal") + " memory, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version") + ".";
    }

    private static String procValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // not Linux: said below
        }
        return "unknown " + key;
    }
}
