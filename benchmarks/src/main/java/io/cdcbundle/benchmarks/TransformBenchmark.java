package io.cdcbundle.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cdcbundle.transforms.FlattenEnvelope;
import io.cdcbundle.transforms.RouteByTable;
import io.debezium.transforms.ExtractNewRecordState;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Flatten;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One operation = one change event through one transform; every transform sees the same events. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransformBenchmark {

    /** Same metadata for both: the operation, the table, the source timestamp. */
    static final String OUR_FIELDS = "op,source.table,source.ts_ms";
    static final String DEBEZIUM_FIELDS = "op,table,source.ts_ms";

    @Param({"STRUCT", "MAP"})
    public ChangeEventFixtures.Shape shape;

    @Param({"2", "20"})
    public int columns;

    private SinkRecord[] events;
    private int next;

    private final FlattenEnvelope<SinkRecord> flattenEnvelope = new FlattenEnvelope<>();
    private final FlattenEnvelope<SinkRecord> flattenEnvelopeWithMetadata = new FlattenEnvelope<>();
    private final ExtractNewRecordState<SinkRecord> extractNewRecordState = new ExtractNewRecordState<>();
    private final ExtractNewRecordState<SinkRecord> extractNewRecordStateWithMetadata = new ExtractNewRecordState<>();
    private final Flatten.Value<SinkRecord> kafkaFlatten = new Flatten.Value<>();
    private final RouteByTable<SinkRecord> routeByTable = new RouteByTable<>();
    private final RegexRouter<SinkRecord> kafkaRegexRouter = new RegexRouter<>();

    @Setup
    public void setUp() {
        events = ChangeEventFixtures.events(shape, columns, 1024);
        flattenEnvelope.configure(Map.of());
        flattenEnvelopeWithMetadata.configure(Map.of(FlattenEnvelope.ADD_FIELDS_CONFIG, OUR_FIELDS));
        extractNewRecordState.configure(Map.of());
        extractNewRecordStateWithMetadata.configure(Map.of("add.fields", DEBEZIUM_FIELDS));
        kafkaFlatten.configure(Map.of());
        // Both route srv.db.t to t: ours from the event's source block, Kafka's from the topic name.
        routeByTable.configure(Map.of());
        kafkaRegexRouter.configure(Map.of("regex", "[^.]+\\.[^.]+\\.(.*)", "replacement", "$1"));
    }

    private SinkRecord nextEvent() {
        SinkRecord event = events[next];
        next = (next + 1) & (events.length - 1);
        return event;
    }

    /** The floor: what creating the output record alone costs. */
    @Benchmark
    public SinkRecord copyingNoOp() {
        SinkRecord r = nextEvent();
        return r.newRecord(r.topic(), r.kafkaPartition(), r.keySchema(), r.key(), r.valueSchema(), r.value(), r.timestamp());
    }

    @Benchmark
    public SinkRecord flattenEnvelope() {
        return flattenEnvelope.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord flattenEnvelopeWithMetadata() {
        return flattenEnvelopeWithMetadata.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord extractNewRecordState() {
        return extractNewRecordState.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord extractNewRecordStateWithMetadata() {
        return extractNewRecordStateWithMetadata.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord kafkaFlatten() {
        return kafkaFlatten.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord routeByTable() {
        return routeByTable.apply(nextEvent());
    }

    @Benchmark
    public SinkRecord kafkaRegexRouter() {
        return kafkaRegexRouter.apply(nextEvent());
    }
}
