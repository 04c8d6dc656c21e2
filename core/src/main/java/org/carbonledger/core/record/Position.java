package org.carbonledger.core.record;

import java.util.Objects;

/**
 * Where in a record file a row or a problem is: a line of a CSV file (1-based, the header is line 1; a quoted cell
 * may span lines, a row is at the line it starts on), an element of a JSON array (0-based), or the whole file.
 *
 * @param kind what the number counts
 * @param number the line number, the array index, or 0 for the whole file
 */
public record Position(Kind kind, int number) implements Comparable<Position> {

    /** What a position's number counts. */
    public enum Kind {
        /** A line of a CSV file, from 1. */
        LINE,
        /** An element of a JSON array, from 0. */
        INDEX,
        /** The file as a whole (e.g. it is not a JSON array). */
        FILE
    }

    /** Checks the number's range for the kind. */
    public Position {
        Objects.requireNonNull(kind, "kind");
        int min = switch (kind) {
            case LINE -> 1;
            case INDEX, FILE -> 0;
        };
        if (number < min || (kind == Kind.FILE && number != 0)) {
            throw new IllegalArgumentException("position " + kind + " " + number + " out of range");
        }
    }

    /**
     * @param line a CSV line number, from 1
     * @return the position
     */
    public static Position line(int line) {
        return new Position(Kind.LINE, line);
    }

    /**
     * @param index a JSON array index, from 0
     * @return the position
     */
    public static Position index(int index) {
        return new Position(Kind.INDEX, index);
    }

    /** @return the position of the file as a whole */
    public static Position file() {
        return new Position(Kind.FILE, 0);
    }

    @Override
    public int compareTo(Position other) {
        int c = kind.compareTo(other.kind);
        return c != 0 ? c : Integer.compare(number, other.number);
    }

    /** @return {@code line 7}, {@code record [3]} or {@code file} */
    @Override
    public String toString() {
        return switch (kind) {
            case LINE -> "line " + number;
            case INDEX -> "record [" + number + "]";
            case FILE -> "file";
        };
    }
}
