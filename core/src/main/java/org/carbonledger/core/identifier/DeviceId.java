package org.carbonledger.core.identifier;

import java.util.Objects;

/**
 * A metering device's id, chosen by its owner organization and unique within it (e.g. {@code meter-12}):
 * 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit (see {@link Token}).
 *
 * @param value the id
 */
public record DeviceId(String value) implements Comparable<DeviceId> {

    /** Maximum length of a device id. */
    public static final int MAX_LENGTH = 64;

    /** Validates the syntax. */
    public DeviceId {
        Objects.requireNonNull(value, "value");
        Token.require(value, "deviceId", MAX_LENGTH);
    }

    /**
     * @param text the id
     * @param field the JSON path, for the error message
     * @return the device id
     */
    public static DeviceId parse(String text, String field) {
        return new DeviceId(Token.require(text, field, MAX_LENGTH));
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
