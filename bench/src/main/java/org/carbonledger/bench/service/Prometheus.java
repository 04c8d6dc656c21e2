package org.carbonledger.bench.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few samples the load generator reads from a Prometheus text exposition (format 0.0.4): one line per sample,
 * {@code name{label="value",...} number [timestamp]}, {@code #} lines are comments. A line this parser cannot read is
 * skipped, not guessed.
 */
public final class Prometheus {
    /** One sample: metric name, labels in written order, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            sample(line).ifPresent(samples::add);
        }
        return new Prometheus(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the sample with this name whose labels include all of {@code labels} (key, value, key, value...). */
    public Optional<Double> value(String name, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs");
        }
        outer:
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    continue outer;
                }
            }
            return Optional.of(s.value());
        }
        return Optional.empty();
    }

    private static Optional<Sample> sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int at;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            at = labels(line, brace + 1, labels);
            if (at < 0) {
                return Optional.empty();
            }
        } else {
            if (space <= 0) {
                return Optional.empty();
            }
            name = line.substring(0, space);
            at = space;
        }
        // The value, then an optional timestamp.
        String rest = line.substring(at).strip();
        String number = rest.split("\\s+")[0];
        double value;
        try {
            value = switch (number) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(number);
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Sample(name, labels, value));
    }

    /**
     * Reads {@code name="value",...}} from {@code from} (just after the brace); values may hold braces, commas and the
     * escapes {@code \\}, {@code \"}, {@code \n}.
     *
     * @return the index just after the closing brace, or -1 when the labels are malformed
     */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i >= line.length()) {
                return -1;
            }
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char e = line.charAt(++j);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }
}
