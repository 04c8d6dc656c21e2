package org.carbonledger.core.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.core.identifier.IdentifierTest.assertRefused;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.carbonledger.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigitalLinkTest {

    private static final String BASE = "https://passport.example.com";

    @Test
    void builds_the_canonical_batch_link_with_gtin14_and_percent_encoded_lot() {
        DigitalLink link = DigitalLink.of(BASE, BatchId.of("9506000134352", "COIL/7A"));
        assertThat(link.uri()).isEqualTo("https://passport.example.com/01/09506000134352/10/COIL%2F7A");
        assertThat(DigitalLink.of(BASE, Gtin.parse("96385074")).uri())
                .isEqualTo("https://passport.example.com/01/00000096385074");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/01/09506000134352/10/COIL-7|09506000134352|COIL-7",
        "/01/9506000134352/10/COIL-7|09506000134352|COIL-7",
        "/01/09506000134352/10/A%2FB|09506000134352|A/B",
        "/01/09506000134352/10/a%2fb|09506000134352|a/b",
        "/01/09506000134352/10/%22%25%26%3C%3E%3F|09506000134352|\"%&<>?",
        "/01/09506000134352/10/x+y:z,(1)|09506000134352|x+y:z,(1)",
    })
    void parses_batch_paths_and_decodes_the_lot(String path, String gtin, String lot) {
        DigitalLink link = DigitalLink.parsePath(path);
        assertThat(link.batch()).contains(BatchId.of(gtin, lot));
        assertThat(link.base()).isEmpty();
    }

    @Test
    void parses_a_product_path() {
        assertThat(DigitalLink.parsePath("/01/09506000134352").lot()).isEqualTo(Optional.empty());
        assertThat(DigitalLink.parsePath("/01/09506000134352").gtin()).isEqualTo(Gtin.parse("09506000134352"));
    }

    @Test
    void parses_an_absolute_uri_keeping_its_base() {
        DigitalLink link = DigitalLink.parse("https://passport.example.com:8443/01/09506000134352/10/COIL-7");
        assertThat(link.base()).isEqualTo("https://passport.example.com:8443");
        assertThat(link.uri()).isEqualTo("https://passport.example.com:8443/01/09506000134352/10/COIL-7");
    }

    @Test
    void refuses_a_bad_check_digit_naming_the_gtin() {
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134353/10/COIL-7"), ErrorCode.INVALID_GTIN, "gtin",
                "gtin \"09506000134353\": check digit is 3, expected 2");
    }

    @Test
    void refuses_lot_characters_outside_set_82_plain_or_encoded() {
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/A%20B"), ErrorCode.INVALID_LOT, "lot",
                "lot \"A%20B\": %20 at position 2 encodes a character that is not in GS1 character set 82");
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/A~B"), ErrorCode.INVALID_LOT, "lot",
                "lot \"A~B\": character \"~\" at position 2 is not in GS1 character set 82");
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/%E2%82%AC"), ErrorCode.INVALID_LOT, "lot",
                "lot \"%E2%82%AC\": %E2 at position 1 encodes a character that is not in GS1 character set 82");
    }

    @Test
    void refuses_set_82_characters_that_a_uri_path_must_encode() {
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/A\"B"), ErrorCode.INVALID_LOT, "lot",
                "lot \"A\\\"B\": character \"\\\"\" at position 2 must be percent-encoded in a URI path");
    }

    @Test
    void refuses_malformed_percent_escapes_and_empty_or_long_lots() {
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/A%2"), ErrorCode.INVALID_LOT, "lot",
                "lot \"A%2\": percent sign at position 2 is not followed by two hex digits");
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/A%zzB"), ErrorCode.INVALID_LOT, "lot",
                "lot \"A%zzB\": percent sign at position 2 is not followed by two hex digits");
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/"), ErrorCode.INVALID_LOT, "lot",
                "lot \"\": must have 1 to 20 characters, found 0");
        assertRefused(() -> DigitalLink.parsePath("/01/09506000134352/10/" + "A".repeat(21)), ErrorCode.INVALID_LOT,
                "lot", "lot \"" + "A".repeat(21) + "\": must have 1 to 20 characters, found 21");
    }

    @ParameterizedTest
    @CsvSource({"/01", "/02/09506000134352", "/01/09506000134352/", "/01/09506000134352/21/S1",
        "/01/09506000134352/10/L1/21/S1", "01/09506000134352", "/01/09506000134352/10/L?x=1"})
    void refuses_other_paths(String path) {
        assertRefused(() -> DigitalLink.parsePath(path), ErrorCode.INVALID_ARGUMENT, "path",
                "path \"" + path + "\": " + (path.contains("?") ? "must not contain a query or fragment"
                        : "expected /01/{gtin} or /01/{gtin}/10/{lot}"));
    }

    @Test
    void refuses_a_uri_without_scheme_or_with_a_bad_host() {
        assertRefused(() -> DigitalLink.parse("passport.example.com/01/09506000134352"), ErrorCode.INVALID_ARGUMENT,
                "uri", "uri \"passport.example.com/01/09506000134352\": is not an absolute URI: expected "
                        + "https://host/01/{gtin}[/10/{lot}]");
        assertRefused(() -> DigitalLink.parse("ftp://h/01/09506000134352"), ErrorCode.INVALID_ARGUMENT, "uri",
                "uri \"ftp://h/01/09506000134352\": must start with http:// or https:// and a host name (letters, "
                        + "digits, '.', '-', optional :port)");
    }

    @Test
    void another_qualifiers_segment_is_decoded_by_the_lots_rules_and_its_errors_name_it() {
        assertThat(DigitalLink.decodeSegment("S%2F1", "serial", ErrorCode.INVALID_ARGUMENT)).isEqualTo("S/1");
        assertRefused(() -> DigitalLink.decodeSegment("S 1", "serial", ErrorCode.INVALID_ARGUMENT),
                ErrorCode.INVALID_ARGUMENT, "serial",
                "serial \"S 1\": character \" \" at position 2 is not in GS1 character set 82");
    }

    @Property
    void every_lot_round_trips_through_its_link(@ForAll("lots") String lot) {
        BatchId batch = new BatchId(Gtin.parse("09506000134352"), Lot.parse(lot));
        DigitalLink link = DigitalLink.of(BASE, batch);
        assertThat(DigitalLink.parse(link.uri())).isEqualTo(link);
        assertThat(DigitalLink.parsePath(link.path()).batch()).contains(batch);
    }

    @Provide
    Arbitrary<String> lots() {
        return Arbitraries.strings().withChars("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
                .ofMinLength(1).ofMaxLength(20);
    }
}
