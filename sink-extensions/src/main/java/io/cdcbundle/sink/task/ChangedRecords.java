package io.cdcbundle.sink.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.sink.SinkRecord;

/** A batch with some of its records replaced, copied only when one is: most batches need no change at all. */
final class ChangedRecords {

    private ChangedRecords() {
    }

    /** {@code records} itself when {@code change} returns every record as it is, else a list with the changes. */
    static Collection<SinkRecord> of(Collection<SinkRecord> records, UnaryOperator<SinkRecord> change) {
        List<SinkRecord> out = null;
        int i = 0;
        for (SinkRecord record : records) {
            SinkRecord changed = change.apply(record);
            if (changed != record && out == null) {
                out = new ArrayList<>(records);
            }
            if (out != null) {
                out.set(i, changed);
            }
            i++;
        }
        return out == null ? records : out;
    }
}
