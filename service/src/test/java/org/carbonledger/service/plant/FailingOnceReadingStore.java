package org.carbonledger.service.plant;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.carbonledger.core.reading.MeterReading;

/**
 * The reading store with a database that fails the first commit (after writing, before committing), for the tests
 * that nothing failed is acknowledged or counted and that a failed batch is tried again in order.
 */
@Singleton
@Replaces(ReadingStore.class)
@Requires(property = "plant-test.fail-first-insert", value = "true")
class FailingOnceReadingStore extends ReadingStore {

    final AtomicInteger commits = new AtomicInteger();
    /** The sequence numbers of each attempted batch, in order. */
    final List<List<Long>> attempts = new CopyOnWriteArrayList<>();

    FailingOnceReadingStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    int commit(List<MeterReading> readings, List<Refusal> refusals, Instant receivedAt, int kept) {
        attempts.add(readings.stream().map(MeterReading::sequence).toList());
        if (commits.getAndIncrement() == 0) {
            throw new IllegalStateException("database unavailable (test)");
        }
        return super.commit(readings, refusals, receivedAt, kept);
    }
}
