package org.carbonledger.service.passport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * A language of the consumer passport, with its texts ({@code passport/messages_<tag>.properties}, UTF-8) and the
 * way it writes numbers and dates. English is the default.
 */
enum PassportLanguage {
    EN("en", Locale.ENGLISH),
    ZH("zh-Hans", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;
    private final Map<String, String> texts;
    private final DateTimeFormatter dates;

    PassportLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
        this.texts = load(name().toLowerCase(Locale.ROOT));
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
    }

    /** @return the BCP 47 tag for {@code <html lang>} and {@code Content-Language} */
    String tag() {
        return tag;
    }

    /** @return the value of the {@code ?lang=} switch that selects this language */
    String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Chooses the language: an explicit {@code ?lang=} wins (the page's switch), then the {@code Accept-Language}
     * header by its q-values ({@code zh}, {@code zh-CN}, {@code zh-TW}… give Chinese), then English.
     *
     * @param parameter the {@code lang} query parameter, if any
     * @param acceptLanguage the {@code Accept-Language} header, if any
     * @return the language to render
     */
    static PassportLanguage choose(@Nullable String parameter, @Nullable String acceptLanguage) {
        if (parameter != null) {
            PassportLanguage asked = ofPrimary(parameter.trim());
            if (asked != null) {
                return asked;
            }
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return EN;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return EN;
        }
        // parse() sorts by weight, best first; q=0 means "not this one".
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            if (range.getRange().equals("*")) {
                return EN;
            }
            PassportLanguage l = ofPrimary(range.getRange());
            if (l != null) {
                return l;
            }
        }
        return EN;
    }

    /** @return the language of the request's HTML answer, by {@link #choose} over its {@code lang} and header */
    static PassportLanguage of(HttpRequest<?> request) {
        return choose(request.getParameters().get("lang"), request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** @return whether the request chose its language with the switch ({@code ?lang=} naming a language) */
    static boolean switched(HttpRequest<?> request) {
        String parameter = request.getParameters().get("lang");
        return parameter != null && ofPrimary(parameter.trim()) != null;
    }

    private static @Nullable PassportLanguage ofPrimary(String range) {
        String primary = range.toLowerCase(Locale.ROOT).split("-", 2)[0];
        return switch (primary) {
            case "zh" -> ZH;
            case "en" -> EN;
            default -> null;
        };
    }

    /**
     * @param key a message key
     * @param args values for {@code {0}}, {@code {1}}… (already formatted, already escaped where HTML)
     * @return the text
     * @throws IllegalStateException when the bundle lacks the key (a test checks both bundles have every key)
     */
    String text(String key, Object... args) {
        String t = texts.get(key);
        if (t == null) {
            throw new IllegalStateException("passport/messages_" + parameter() + ".properties has no " + key);
        }
        for (int i = 0; i < args.length; i++) {
            t = t.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return t;
    }

    /** @return the text of {@code key}, or {@code fallback} when the bundle has none (e.g. a unit without a name) */
    String textOr(String key, String fallback) {
        return texts.getOrDefault(key, fallback);
    }

    Map<String, String> texts() {
        return texts;
    }

    /** @return an integer with this language's grouping, e.g. {@code 2,064} */
    String integer(long n) {
        return NumberFormat.getIntegerInstance(locale).format(n);
    }

    /**
     * Groups the integer part of an already rounded decimal with this language's separators. The digits are those of
     * {@code value} exactly: CO2e figures never pass through a binary floating point number.
     */
    String decimal(BigDecimal value) {
        String plain = value.toPlainString();
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point);
        StringBuilder out = new StringBuilder(plain.length() + 4);
        if (negative) {
            out.append(symbols.getMinusSign());
        }
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(symbols.getGroupingSeparator());
            }
            out.append(whole.charAt(i));
        }
        if (point >= 0) {
            out.append(symbols.getDecimalSeparator()).append(digits, point + 1, digits.length());
        }
        return out.toString();
    }

    /** @return the UTC date of {@code instant}, e.g. {@code Dec 10, 2026} or {@code 2026年12月10日} */
    String date(Instant instant) {
        return dates.format(Objects.requireNonNull(instant, "instant"));
    }

    private static Map<String, String> load(String name) {
        String resource = "/passport/messages_" + name + ".properties";
        try (InputStream in = PassportLanguage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Properties p = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            Map<String, String> map = new HashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
