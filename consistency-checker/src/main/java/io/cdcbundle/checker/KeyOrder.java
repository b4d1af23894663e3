package io.cdcbundle.checker;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order of keys made of numbers, dates and instants, as both engines sort them: numbers by value whatever their
 * Java type, dates and date-times in time order. Only for keys whose columns {@link Column#orderFamily} accepts.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object x, Object y) {
        if (x instanceof Long l && y instanceof Long m) {
            return Long.compare(l, m);
        }
        if (x instanceof Number && y instanceof Number) {
            return decimal(x).compareTo(decimal(y));
        }
        return ((Comparable) x).compareTo(y);
    }

    private static BigDecimal decimal(Object number) {
        return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
    }
}
