package io.cdcbundle.sink.task;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.MDC;

/**
 * One batch written on a thread of its own while the task's thread goes back to Connect, which meanwhile polls and
 * converts the next batch: on a sink that spends most of its time in the converter, the database write then costs
 * almost nothing. At most one batch is in flight, and {@link #await()} is the only way past it, so the owner can keep
 * every other call (offsets, partitions, stop) behind the write it follows.
 */
final class BatchInFlight implements AutoCloseable {

    private final ExecutorService writer;
    private final Map<String, String> logContext;
    private Future<?> current;

    /** Started on the task's thread: the writer inherits its class loader and its log context (connector, task). */
    BatchInFlight(String name) {
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        this.logContext = MDC.getCopyOfContextMap();
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(contextLoader);
            return thread;
        });
    }

    /** True while a batch is being written. */
    boolean busy() {
        return current != null && !current.isDone();
    }

    /** Waits for the batch in flight; then starts {@code write}. */
    void start(Runnable write) {
        await();
        current = writer.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            write.run();
        });
    }

    /** Returns once no batch is in flight. A failure the write let escape is rethrown here, on the owner's thread. */
    void await() {
        Future<?> pending = current;
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while the previous batch was being written", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Writing the previous batch failed", e.getCause());
        } finally {
            if (pending.isDone()) {
                current = null;
            }
        }
    }

    @Override
    public void close() {
        try {
            await();
        } finally {
            writer.shutdown();
        }
    }
}
