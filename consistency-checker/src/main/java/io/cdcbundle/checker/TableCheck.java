package io.cdcbundle.checker;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.cdcbundle.checker.Endpoint.Row;

/**
 * One table's passes. Where the key is made of numbers, dates or instants, which sort alike on every engine, a pass
 * reads both tables side by side in key order, a chunk from each at a time and both at once, and merges them
 * (phase SOURCE only). Other keys (text sorts by each server's collation) are looked up instead: the source is read
 * in key order and each chunk's keys are looked up on the target (phase SOURCE: rows missing or changed), then the
 * target's keys are read and looked up on the source (phase TARGET: rows the target has extra). A row that differs
 * is a suspect, read again on both sides after the lag allowance, and reported only if it still differs while its
 * source row stayed the same.
 */
final class TableCheck {

    /** SETTLING: both sides read, the pass's suspects not yet all re-checked. */
    enum Phase { SOURCE, TARGET, SETTLING, WAITING }

    final TablePair pair;
    private final Endpoint source;
    private final Endpoint target;
    private final Table sourceTable;
    private final Table targetTable;
    private final Projection projection;
    private final Settings settings;
    private final CheckerMetrics metrics;
    /** Null unless repair.enabled. */
    private final Repair repair;

    private long pass = 1;
    private Phase phase = Phase.SOURCE;
    private List<Object> after;
    private long passStartedAt;
    private long nextPassAt;
    private long rowsChecked;
    /** Digest mode, this pass: ranges compared by digest, and of those read row by row because they differed. */
    private long ranges;
    private long rangesRead;
    private long differences;
    private final Map<String, Suspect> suspects = new LinkedHashMap<>();

    /** Side-by-side reading (keys that sort alike): what each side has read and not yet merged, and where it is. */
    private final boolean merging;
    /** Side by side, and every compared column spelt alike by both servers: ranges compared by digest first. */
    private final boolean digesting;
    /** Digest mode: how ranges are hashed and how many rows each holds; null in the other modes. */
    private final RangeDigest.Plan digestPlan;
    private final Executor reads;
    private final SideReader sourceSide;
    private final SideReader targetSide;
    /** Digest mode: a second source session that finds the next range's end ahead, and what it is finding. */
    private final Endpoint boundaries;
    private CompletableFuture<List<Object>> nextBoundary;
    private List<Object> nextBoundaryFrom;

    record Settings(int chunkSize, long lagAllowanceMs, int rechecks, long passIntervalMs) {
    }

    /** A row seen to differ, waiting to be read again. */
    private static final class Suspect {
        final List<Object> keyValues;
        final List<String> keyText;
        /** The source row's values when last read; null while the source has no such row. */
        String[] lastSource;
        int attempts;
        long dueAt;
        /** Reported and being repaired: re-checked until equal (REPAIRED) or out of re-checks (REPAIR_FAILED). */
        boolean repairing;

        Suspect(List<Object> keyValues, List<String> keyText, String[] lastSource, long dueAt) {
            this.keyValues = keyValues;
            this.keyText = keyText;
            this.lastSource = lastSource;
            this.dueAt = dueAt;
        }
    }

    TableCheck(TablePair pair, Endpoint source, Endpoint target, Settings settings, CheckerMetrics metrics,
               Position resumeAt, Executor reads, Repair repair, Endpoint boundaries) throws SQLException {
        this.repair = repair;
        this.boundaries = boundaries;
        this.pair = pair;
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.metrics = metrics;
        this.sourceTable = source.describe(pair.source());
        if (sourceTable == null) {
            throw new IllegalArgumentException("no table " + pair.source() + " on the " + source.settings + "; write "
                    + "its name in tables as in SQL on that server (database.table or schema.table)");
        }
        if (sourceTable.keys().isEmpty()) {
            throw new IllegalArgumentException("the source table " + pair.source() + " has no primary key; the checker "
                    + "compares rows by key: leave the table out of tables, or give it a primary key");
        }
        this.targetTable = target.describe(pair.target());
        if (targetTable == null) {
            throw new IllegalArgumentException("no table " + pair.target() + " on the " + target.settings + "; name "
                    + "the table the sink writes after the = in tables, e.g. " + pair.source() + "=public.orders");
        }
        this.projection = new Projection(source, sourceTable, targetTable);
        this.merging = projection.keysSortAlike();
        this.digesting = merging && RangeDigest.applies(projection, source);
        this.digestPlan = digesting ? RangeDigest.plan(projection, source, settings.chunkSize(),
                Math.min(source.joinLimit(), target.joinLimit())) : null;
        this.reads = reads;
        if (resumeAt != null) {
            pass = resumeAt.pass();
            phase = resumeAt.phase();
            after = resumeAt.after();
            passStartedAt = System.currentTimeMillis();
            nextPassAt = resumeAt.nextPassAt();
        }
        this.sourceSide = new SideReader(source, sourceTable, after);
        this.targetSide = new SideReader(target, targetTable, after);
    }

    /** How the table is compared, for the log. */
    String method() {
        return digesting ? "comparing key ranges of " + digestPlan.rows() + " rows by digests the servers compute ("
                + (digestPlan.form() == RangeDigest.Form.JOINED ? "one hash of the range's rows joined"
                : "the sum of a hash per row, the rows being too wide to join") + "), rows read only where they differ"
                : merging ? "reading both tables side by side in key order"
                : "looking keys up (a key of text or bytes)";
    }

    List<String> sourceOnlyColumns() {
        return projection.sourceOnly;
    }

    int pending() {
        return suspects.size();
    }

    Position position() {
        return new Position(pass, phase, after, nextPassAt);
    }

    long nextWorkAt() {
        long next = phase == Phase.WAITING ? nextPassAt : phase == Phase.SETTLING && !suspects.isEmpty() ? Long.MAX_VALUE : 0;
        for (Suspect s : suspects.values()) {
            next = Math.min(next, s.dueAt);
        }
        return next;
    }

    /** One chunk of the current pass, or the start of the next pass when it is due; the findings it gave. */
    List<Finding> step(long now) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        switch (phase) {
            case SETTLING -> {
                if (suspects.isEmpty()) {
                    phase = Phase.WAITING;
                    nextPassAt = now + settings.passIntervalMs();
                    metrics.passFinished(now - passStartedAt, now);
                    findings.add(new Finding(Finding.Kind.PASS, pair.id(), List.of(), projection.names(), pass,
                            rowsChecked, differences, 0, passStartedAt, now, digesting
                            ? rangesRead + " of " + ranges + " key ranges read row by row (their digests differed)"
                            : null));
                }
            }
            case WAITING -> {
                if (now >= nextPassAt) {
                    pass++;
                    phase = Phase.SOURCE;
                    after = null;
                    passStartedAt = now;
                    rowsChecked = 0;
                    differences = 0;
                    ranges = 0;
                    rangesRead = 0;
                    sourceSide.restart();
                    targetSide.restart();
                }
            }
            case SOURCE -> {
                if (passStartedAt == 0) {
                    passStartedAt = now;
                }
                if (digesting) {
                    digestStep(now);
                    break;
                }
                if (merging) {
                    mergeStep(now);
                    break;
                }
                List<Row> rows = source.scan(sourceTable, projection, after, settings.chunkSize(), false);
                if (rows.isEmpty()) {
                    phase = Phase.TARGET;
                    after = null;
                    break;
                }
                Map<String, Row> found = target.lookup(targetTable, projection, keys(rows), false);
                boolean differing = false;
                for (Row row : rows) {
                    Row other = found.get(row.key());
                    if (other == null || !projection.same(row.values(), other.values())) {
                        suspect(row, row.values(), now);
                        differing = true;
                    }
                }
                rowsChecked += rows.size();
                metrics.checked(rows.size(), differing);
                after = rows.get(rows.size() - 1).keyValues();
            }
            case TARGET -> {
                List<Row> keys = target.scan(targetTable, projection, after, settings.chunkSize(), true);
                if (keys.isEmpty()) {
                    phase = Phase.SETTLING;
                    after = null;
                    break;
                }
                Map<String, Row> found = source.lookup(sourceTable, projection, keys(keys), true);
                boolean differing = false;
                for (Row row : keys) {
                    if (!found.containsKey(row.key())) {
                        suspect(row, null, now);
                        differing = true;
                    }
                }
                metrics.checked(0, differing);
                after = keys.get(keys.size() - 1).keyValues();
            }
        }
        return findings;
    }

    /**
     * Takes the next chunk of each side that has nothing left to merge (read ahead during the previous step, or read
     * now, both sides at once), merges what both have, then starts reading each side's next chunk, so that the
     * servers answer while this task merges and Connect polls.
     */
    private void mergeStep(long now) throws SQLException {
        sourceSide.readAheadIfEmpty();
        targetSide.readAheadIfEmpty();
        sourceSide.takeIfEmpty();
        targetSide.takeIfEmpty();
        int suspectsBefore = suspects.size();
        List<Object> last = merge(sourceSide.run, targetSide.run, sourceSide.done, targetSide.done, now);
        if (last != null) {
            after = last;
        }
        metrics.checked(0, suspects.size() > suspectsBefore);
        if (sourceSide.finished() && targetSide.finished()) {
            phase = Phase.SETTLING;
            after = null;
            return;
        }
        sourceSide.readAheadIfShort();
        targetSide.readAheadIfShort();
    }

    /** One side of a side-by-side pass: the rows read and not yet merged, where it stands, the chunk on its way. */
    private final class SideReader {
        private final Endpoint end;
        private final Table table;
        final ArrayDeque<Row> run = new ArrayDeque<>();
        private List<Object> at;
        boolean done;
        private CompletableFuture<List<Row>> next;

        SideReader(Endpoint end, Table table, List<Object> at) {
            this.end = end;
            this.table = table;
            this.at = at;
        }

        void restart() {
            at = null;
            done = false;
        }

        boolean finished() {
            return done && run.isEmpty();
        }

        void readAheadIfEmpty() {
            if (run.isEmpty() && !done && next == null) {
                readAhead();
            }
        }

        void readAheadIfShort() {
            if (!done && next == null && run.size() < settings.chunkSize()) {
                readAhead();
            }
        }

        private void readAhead() {
            List<Object> from = at;
            next = async(() -> end.scan(table, projection, from, settings.chunkSize(), false));
        }

        void takeIfEmpty() throws SQLException {
            if (!run.isEmpty() || done) {
                return;
            }
            CompletableFuture<List<Row>> read = next;
            next = null;
            List<Row> chunk = join(read);
            done = chunk.size() < settings.chunkSize();
            if (!chunk.isEmpty()) {
                at = chunk.get(chunk.size() - 1).keyValues();
                run.addAll(chunk);
            }
        }
    }

    /**
     * Merges two key-ordered runs of rows as far as both allow (a side that is done allows all of the other): rows
     * on one side only and rows whose values differ become suspects. Counts the source rows compared; returns the
     * last key merged, or null.
     */
    private List<Object> merge(ArrayDeque<Row> sourceRun, ArrayDeque<Row> targetRun, boolean sourceEnds,
                               boolean targetEnds, long now) {
        List<Object> last = null;
        int checked = 0;
        while ((!sourceRun.isEmpty() || sourceEnds) && (!targetRun.isEmpty() || targetEnds)
                && !(sourceRun.isEmpty() && targetRun.isEmpty())) {
            Row s = sourceRun.peek();
            Row t = targetRun.peek();
            int order = s == null ? 1 : t == null ? -1 : KeyOrder.compare(s.keyValues(), t.keyValues());
            if (order < 0) {
                suspect(sourceRun.poll(), s.values(), now);
            } else if (order > 0) {
                suspect(targetRun.poll(), null, now);
            } else {
                sourceRun.poll();
                targetRun.poll();
                if (!projection.same(s.values(), t.values())) {
                    suspect(s, s.values(), now);
                }
            }
            if (s != null && order <= 0) {
                checked++;
            }
            last = (order > 0 ? t : s).keyValues();
        }
        rowsChecked += checked;
        metrics.checked(checked, false);
        return last;
    }

    /**
     * One range of {@code chunk.size} source rows compared by digest on both servers at once; read row by row only
     * when the digests differ.
     */
    private void digestStep(long now) throws SQLException {
        List<Object> from = after;
        List<Object> to = nextBoundary(from);
        CompletableFuture<RangeDigest> theirs = async(() -> target.digest(targetTable, projection, digestPlan.form(), from, to));
        RangeDigest ours = source.digest(sourceTable, projection, digestPlan.form(), from, to);
        ranges++;
        if (ours.sameAs(join(theirs))) {
            rowsChecked += ours.rows();
            metrics.checked((int) ours.rows(), false);
        } else {
            CompletableFuture<List<Row>> targetRange = async(() -> target.range(targetTable, projection, from, to));
            List<Row> sourceRange = source.range(sourceTable, projection, from, to);
            merge(new ArrayDeque<>(sourceRange), new ArrayDeque<>(join(targetRange)), true, true, now);
            metrics.checked(0, true);
            rangesRead++;
        }
        if (to == null) {
            phase = Phase.SETTLING;
            after = null;
        } else {
            after = to;
        }
    }

    /**
     * The end of the range that starts after {@code from}: found while the previous range's digests ran, on a
     * session of its own, or now. The next range's end is then looked up in the same way, so that the digests never
     * wait for it.
     */
    private List<Object> nextBoundary(List<Object> from) throws SQLException {
        List<Object> to;
        CompletableFuture<List<Object>> ahead = nextBoundary;
        nextBoundary = null;
        if (ahead != null && Objects.equals(nextBoundaryFrom, from)) {
            to = join(ahead);
        } else {
            if (ahead != null) {
                ahead.handle((r, e) -> null).join(); // its session must be free before it is used again
            }
            to = source.boundary(sourceTable, projection, from, digestPlan.rows());
        }
        if (to != null && boundaries != null) {
            List<Object> next = to;
            nextBoundaryFrom = next;
            nextBoundary = async(() -> boundaries.boundary(sourceTable, projection, next, digestPlan.rows()));
        }
        return to;
    }

    /** A read on the task's reading threads; {@link #join} gives back its SQLException. */
    private <T> CompletableFuture<T> async(SqlRead<T> read) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read.get();
            } catch (SQLException e) {
                throw new UncheckedSql(e);
            }
        }, reads);
    }

    @FunctionalInterface
    private interface SqlRead<T> {
        T get() throws SQLException;
    }

    private static <T> T join(CompletableFuture<T> read) throws SQLException {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedSql sql) {
                throw sql.getCause();
            }
            throw e;
        }
    }

    /** A read's failure, carried out of the reading thread. */
    private static final class UncheckedSql extends RuntimeException {
        UncheckedSql(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Suspects whose lag allowance has passed, read again on both sides; those that still differ are reported. */
    List<Finding> recheck(long now) throws SQLException {
        List<Suspect> due = new ArrayList<>();
        for (Suspect s : suspects.values()) {
            if (s.dueAt <= now) {
                due.add(s);
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        List<List<Object>> keys = due.stream().map(s -> s.keyValues).toList();
        Map<String, Row> sourceNow = byKeyText(source.lookup(sourceTable, projection, keys, false));
        Map<String, Row> targetNow = byKeyText(target.lookup(targetTable, projection, keys, false));
        List<Finding> findings = new ArrayList<>();
        List<Suspect> toResnapshot = new ArrayList<>();
        List<Suspect> toDelete = new ArrayList<>();
        for (Suspect s : due) {
            String id = String.join("\u0001", s.keyText);
            Row sourceRow = sourceNow.get(id);
            Row targetRow = targetNow.get(id);
            String[] sourceValues = sourceRow == null ? null : sourceRow.values();
            boolean equal = (sourceRow == null && targetRow == null)
                    || (sourceRow != null && targetRow != null && projection.same(sourceRow.values(), targetRow.values()));
            if (s.repairing) {
                if (equal) {
                    findings.add(Finding.row(Finding.Kind.REPAIRED, pair.id(), FindingRecords.keyText(s.keyText),
                            List.of(), pass, now));
                    metrics.repaired();
                    suspects.remove(id);
                } else if (++s.attempts >= settings.rechecks()) {
                    findings.add(Finding.row(Finding.Kind.REPAIR_FAILED, pair.id(), FindingRecords.keyText(s.keyText),
                            List.of(), pass, now).withDetail("still differs after " + s.attempts + " re-checks"));
                    suspects.remove(id);
                } else {
                    s.dueAt = now + settings.lagAllowanceMs();
                }
                continue;
            }
            if (equal) {
                suspects.remove(id);
                continue;
            }
            boolean sourceStayed = Arrays.equals(sourceValues, s.lastSource);
            if (sourceStayed || s.attempts + 1 >= settings.rechecks()) {
                Finding.Kind kind = !sourceStayed ? Finding.Kind.UNSETTLED
                        : sourceRow == null ? Finding.Kind.EXTRA
                        : targetRow == null ? Finding.Kind.MISSING : Finding.Kind.CHANGED;
                List<String> columns = kind == Finding.Kind.CHANGED ? differingColumns(sourceRow, targetRow) : List.of();
                findings.add(Finding.row(kind, pair.id(), FindingRecords.keyText(s.keyText), columns, pass, now));
                differences++;
                metrics.reported();
                if (repair != null && (kind == Finding.Kind.MISSING || kind == Finding.Kind.CHANGED)) {
                    toResnapshot.add(s);
                } else if (repair != null && repair.deletesExtra() && kind == Finding.Kind.EXTRA) {
                    toDelete.add(s);
                } else {
                    suspects.remove(id);
                }
            } else {
                s.lastSource = sourceValues;
                s.attempts++;
                s.dueAt = now + settings.lagAllowanceMs();
            }
        }
        repair(toResnapshot, false, findings, now);
        repair(toDelete, true, findings, now);
        return findings;
    }

    /** Starts repairing these suspects; a repair that cannot be started is a REPAIR_FAILED finding. */
    private void repair(List<Suspect> rows, boolean delete, List<Finding> findings, long now) {
        if (rows.isEmpty()) {
            return;
        }
        List<List<Object>> keys = rows.stream().map(s -> s.keyValues).toList();
        try {
            if (delete) {
                repair.delete(targetTable, keyNames(projection.columns(target)), keys);
            } else {
                repair.resnapshot(sourceTable, source.engine, keyNames(projection.columns(source)), keys);
            }
            for (Suspect s : rows) {
                s.repairing = true;
                s.attempts = 0;
                s.dueAt = now + settings.lagAllowanceMs();
            }
        } catch (SQLException e) {
            String why = (delete ? "deleting it from the target failed: " : "signalling an incremental snapshot of it "
                    + "failed: ") + e.getMessage();
            for (Suspect s : rows) {
                findings.add(Finding.row(Finding.Kind.REPAIR_FAILED, pair.id(), FindingRecords.keyText(s.keyText),
                        List.of(), pass, now).withDetail(why));
                suspects.remove(String.join("\u0001", s.keyText));
            }
        }
    }

    private List<String> keyNames(List<Column> columns) {
        return columns.subList(0, projection.keyCount()).stream().map(Column::name).toList();
    }

    private void suspect(Row row, String[] sourceValues, long now) {
        List<String> keyText = List.of(row.key().split("\u0001", -1)).subList(0, projection.keyCount());
        String id = String.join("\u0001", keyText);
        suspects.putIfAbsent(id, new Suspect(row.keyValues(), keyText, sourceValues, now + settings.lagAllowanceMs()));
    }

    private static Map<String, Row> byKeyText(Map<String, Row> rows) {
        Map<String, Row> out = new LinkedHashMap<>();
        for (Row row : rows.values()) {
            String key = row.key();
            out.put(key.endsWith("\u0001") ? key.substring(0, key.length() - 1) : key, row);
        }
        return out;
    }

    private List<String> differingColumns(Row sourceRow, Row targetRow) {
        List<String> names = projection.names();
        return projection.differing(sourceRow.values(), targetRow.values()).stream()
                .map(i -> names.get(projection.keyCount() + i)).toList();
    }

    private static List<List<Object>> keys(List<Row> rows) {
        List<List<Object>> keys = new ArrayList<>(rows.size());
        for (Iterator<Row> it = rows.iterator(); it.hasNext(); ) {
            keys.add(it.next().keyValues());
        }
        return keys;
    }
}
