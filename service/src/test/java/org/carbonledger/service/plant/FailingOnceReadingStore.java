package org.carbonledger.service.plant;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.carbonledger.core.reading.MeterReading;

/** The reading store with a database that fails the first write, for the test that nothing failed is acknowledged. */
@Singleton
@Replaces(ReadingStore.class)
@Requires(property = "plant-test.fail-first-insert", value = "true")
class FailingOnceReadingStore extends ReadingStore {

    final AtomicInteger inserts = new AtomicInteger();

    FailingOnceReadingStore(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    boolean insert(MeterReading reading, Instant receivedAt) {
        if (inserts.getAndIncrement() == 0) {
            throw new IllegalStateException("database unavailable (test)");
        }
        return super.insert(reading, receivedAt);
    }
}
