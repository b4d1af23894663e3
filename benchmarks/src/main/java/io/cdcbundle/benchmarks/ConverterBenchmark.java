package io.cdcbundle.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cdcbundle.converter.SchemaCachingJsonConverter;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = one change event's value written to bytes (as a source task does) or read from them (as a sink
 * task does), by Kafka's JsonConverter and by SchemaCachingJsonConverter, with schemas, on the same events.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConverterBenchmark {

    @Param({"2", "20"})
    public int columns;

    private SinkRecord[] events;
    private byte[][] written;
    private int next;

    private final Converter jsonConverter = new JsonConverter();
    private final Converter schemaCaching = new SchemaCachingJsonConverter();

    @Setup
    public void setUp() {
        Map<String, String> settings = Map.of("schemas.enable", "true");
        jsonConverter.configure(settings, false);
        schemaCaching.configure(settings, false);
        events = ChangeEventFixtures.events(ChangeEventFixtures.Shape.STRUCT, columns, 1024);
        written = new byte[events.length][];
        for (int i = 0; i < events.length; i++) {
            written[i] = jsonConverter.fromConnectData(events[i].topic(), events[i].valueSchema(), events[i].value());
        }
    }

    private int nextIndex() {
        int i = next;
        next = (next + 1) & (events.length - 1);
        return i;
    }

    @Benchmark
    public byte[] jsonConverterWrite() {
        SinkRecord r = events[nextIndex()];
        return jsonConverter.fromConnectData(r.topic(), r.valueSchema(), r.value());
    }

    @Benchmark
    public byte[] schemaCachingWrite() {
        SinkRecord r = events[nextIndex()];
        return schemaCaching.fromConnectData(r.topic(), r.valueSchema(), r.value());
    }

    @Benchmark
    public SchemaAndValue jsonConverterRead() {
        return jsonConverter.toConnectData("srv.db.t", written[nextIndex()]);
    }

    @Benchmark
    public SchemaAndValue schemaCachingRead() {
        return schemaCaching.toConnectData("srv.db.t", written[nextIndex()]);
    }
}
