package io.cdcbundle.transforms;

import java.util.function.Function;

/**
 * A bounded cache keyed by object identity, for per-schema plans on the per-record path: one identity hash and at
 * most two reference compares per lookup, no allocation, no deep {@code Schema.hashCode()}. A full cache
 * overwrites a slot. Not thread-safe: Connect gives each task its own transformation instance.
 */
final class IdentityCache<K, V> {

    private final Object[] keys;
    private final Object[] values;
    private final int mask;

    IdentityCache(int capacity) {
        // Twice the next power of two: room for two-way probing before slots get overwritten.
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.keys = new Object[slots];
        this.values = new Object[slots];
        this.mask = slots - 1;
    }

    @SuppressWarnings("unchecked")
    V computeIfAbsent(K key, Function<K, V> compute) {
        int i = System.identityHashCode(key) & mask;
        if (keys[i] == key) {
            return (V) values[i];
        }
        int j = (i + 1) & mask;
        if (keys[j] == key) {
            return (V) values[j];
        }
        V value = compute.apply(key);
        int slot = keys[i] == null || keys[j] != null ? i : j;
        keys[slot] = key;
        values[slot] = value;
        return value;
    }

    int capacity() {
        return keys.length;
    }
}
