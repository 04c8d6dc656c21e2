package org.carbonledger.core.record;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The two file formats of emission records: CSV (one row per record) and a JSON array of record objects. */
public enum RecordFormat {
    /** RFC 4180 CSV with a header row; columns as in {@code docs/record-files.md}. */
    CSV,
    /** A JSON array whose elements are record objects exactly as docs/accounting.md §4 shows them. */
    JSON;

    /**
     * @param fileName a file name such as {@code october.csv}
     * @return the format its extension names ({@code .csv}, {@code .json}; case-insensitive), if it names one
     */
    public static Optional<RecordFormat> forFileName(String fileName) {
        String name = Objects.requireNonNull(fileName, "fileName").toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }

    /**
     * @param contentType an HTTP content type such as {@code text/csv; charset=utf-8}
     * @return {@link #CSV} for {@code text/csv}, {@link #JSON} for {@code application/json}; empty otherwise
     */
    public static Optional<RecordFormat> forContentType(String contentType) {
        String type = Objects.requireNonNull(contentType, "contentType").split(";", 2)[0].strip()
                .toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv" -> Optional.of(CSV);
            case "application/json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
