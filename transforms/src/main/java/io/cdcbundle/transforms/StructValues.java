package io.cdcbundle.transforms;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.apache.kafka.connect.data.Struct;

/**
 * Direct access to a Struct's value array, to fill an output Struct from values that were already validated
 * against identical field schemas. {@code Struct.put} validates every value again, which costs more than the rest
 * of the copy on wide rows (20 columns: about 2x slower end to end in TransformBenchmark). Where the field is not
 * accessible (a future Kafka, a module setup), {@link #available()} is false and callers use {@code put}.
 */
final class StructValues {

    private static final VarHandle VALUES = find();

    private StructValues() {
    }

    private static VarHandle find() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                    .findVarHandle(Struct.class, "values", Object[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return VALUES != null;
    }

    /** The struct's value array, by field position: written only for a Struct this code just created. */
    static Object[] of(Struct struct) {
        return (Object[]) VALUES.get(struct);
    }
}
