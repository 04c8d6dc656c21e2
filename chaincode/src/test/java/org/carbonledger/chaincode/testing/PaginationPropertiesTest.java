package org.carbonledger.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Paging through a partial composite key range yields exactly the unpaged range, in code point order. */
class PaginationPropertiesTest {
    private static final byte[] CREATOR = TestIdentities.of("SteelCoMSP", NodeOu.CLIENT).serialized();

    @Provide
    Arbitrary<Set<String>> attributes() {
        // Characters chosen to straddle the UTF-16 vs code point ordering difference.
        Arbitrary<String> attribute = Arbitraries.strings()
                .withChars('a', 'b', 'Z', '\u00e9', '\ue000', '\ufffd').withChars("\ud83d\ude00")
                .ofMinLength(1).ofMaxLength(4)
                .filter(s -> !hasLoneSurrogate(s));
        return attribute.set().ofMaxSize(25);
    }

    @Property(tries = 200)
    void pages_concatenate_to_the_whole_range(@ForAll("attributes") Set<String> attributes,
                                              @ForAll @IntRange(min = 1, max = 8) int pageSize) {
        InMemoryLedger ledger = InMemoryLedger.newInstance();
        InMemoryStub writer = begin(ledger);
        for (String attribute : attributes) {
            writer.putStringState(new CompositeKey("ITEM", attribute).toString(), attribute);
            writer.putStringState(new CompositeKey("ITEMS", attribute).toString(), "noise");
            writer.putStringState("ITEM" + attribute, "noise");
        }
        assertThat(ledger.commit(writer, ledger.organizations())).isEqualTo(TxValidationCode.VALID);

        List<String> expected = new ArrayList<>(attributes);
        expected.sort(Comparator.comparing(s -> s.codePoints().toArray(), Arrays::compare));

        List<String> paged = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            QueryResultsIteratorWithMetadata<KeyValue> page = begin(ledger)
                    .getStateByPartialCompositeKeyWithPagination(new CompositeKey("ITEM"), pageSize, bookmark);
            int before = paged.size();
            for (KeyValue kv : page) {
                paged.add(kv.getStringValue());
            }
            int fetched = paged.size() - before;
            assertThat(page.getMetadata().getFetchedRecordsCount()).isEqualTo(fetched);
            bookmark = page.getMetadata().getBookmark();
            if (!bookmark.isEmpty()) {
                assertThat(fetched).isEqualTo(pageSize);
            }
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(paged).isEqualTo(expected);
        assertThat(pages).isEqualTo(Math.max(1, (expected.size() + pageSize - 1) / pageSize));
        List<String> unpaged = new ArrayList<>();
        for (KeyValue kv : begin(ledger).getStateByPartialCompositeKey("ITEM")) {
            unpaged.add(kv.getStringValue());
        }
        assertThat(unpaged).isEqualTo(expected);
    }

    private static InMemoryStub begin(InMemoryLedger ledger) {
        return ledger.newTransaction(InMemoryLedger.Proposal.of(CREATOR, Instant.parse("2026-10-01T00:00:00Z"), List.of("f")));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
