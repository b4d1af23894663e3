package io.cdcbundle.sink.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class BatchInFlightTest {

    @Test
    void batchesAreWrittenOneAtATimeInOrderOffTheCallersThread() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (BatchInFlight inFlight = new BatchInFlight("writer-test")) {
            inFlight.start(() -> {
                await(release);
                written.add("1 on " + Thread.currentThread().getName());
            });
            assertTrue(inFlight.busy(), "start returns while the batch is written");
            assertEquals(List.of(), written);
            release.countDown();
            inFlight.start(() -> written.add("2"));
            inFlight.await();
            assertFalse(inFlight.busy());
        }
        assertEquals(List.of("1 on writer-test", "2"), written);
    }

    @Test
    void theWriterLoadsClassesAsTheTask() throws Exception {
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
        };
        Thread owner = Thread.currentThread();
        ClassLoader original = owner.getContextClassLoader();
        owner.setContextClassLoader(loader);
        Object[] seen = new Object[1];
        try (BatchInFlight inFlight = new BatchInFlight("writer-test")) {
            owner.setContextClassLoader(original); // the writer keeps the loader it was created under
            inFlight.start(() -> seen[0] = Thread.currentThread().getContextClassLoader());
        } finally {
            owner.setContextClassLoader(original);
        }
        assertSame(loader, seen[0], "Debezium and Hibernate load plugin classes through it");
    }

    @Test
    void aFailureReachesTheOwnerOnItsNextCall() {
        BatchInFlight inFlight = new BatchInFlight("writer-test");
        inFlight.start(() -> {
            throw new IllegalStateException("disk full");
        });
        ConnectException failure = assertThrows(ConnectException.class, inFlight::await);
        assertEquals("disk full", failure.getCause().getMessage());
        inFlight.await(); // reported once
        inFlight.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
