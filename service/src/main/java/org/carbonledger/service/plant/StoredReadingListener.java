package org.carbonledger.service.plant;

import java.time.Instant;
import org.carbonledger.core.reading.MeterReading;

/**
 * Told of each verified reading right after its insert was committed, once per reading (a redelivery of a stored
 * reading is not told again). Called on the ingestion's thread, before the message is acknowledged to the broker:
 * an implementation must be quick and must not throw (what it throws is logged, the reading stays stored).
 */
@FunctionalInterface
public interface StoredReadingListener {

    /**
     * @param reading the stored reading
     * @param receivedAt when the service received it
     */
    void readingStored(MeterReading reading, Instant receivedAt);
}
