package org.carbonledger.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.carbonledger.core.Fixtures;
import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.EmissionFactor;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.accounting.FactorLookup;
import org.carbonledger.core.accounting.Gwp100Set;
import org.carbonledger.core.accounting.InboundTransfer;
import org.carbonledger.core.accounting.RecordCalculator;
import org.carbonledger.core.accounting.RecordContribution;
import org.carbonledger.core.crypto.Sha256;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.LedgerId;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonString;
import org.carbonledger.core.quantity.Quantity;
import org.carbonledger.core.quantity.Unit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SealTest {

    static final FactorLookup FACTORS = FactorLookup.of(Map.of("cn-grid-2022", new EmissionFactor("cn-grid-2022",
            "test-dataset", "1", Unit.KWH, new BigDecimal("0.5810"), "test citation", "CC0-1.0")));
    static final BatchId COIL_7 = BatchId.of("09506000134352", "COIL-7");

    static RecordContribution contribution(String fixture) {
        EmissionRecord r = EmissionRecord.parse(Fixtures.object(fixture));
        return RecordContribution.of(r, RecordCalculator.co2e(r, FACTORS, Gwp100Set.IPCC_AR6));
    }

    static final RecordContribution ACTIVITY = contribution("records/meter-12-activity.json");
    static final RecordContribution GASES = contribution("records/meter-12-gases.json");
    static final InboundTransfer PELLETS = new InboundTransfer(
            new LedgerId("20000000-0000-4000-8000-000000000009"), BatchId.of("9506000134376", "PEL-2026-09"),
            Sha256.of("upstream seal"), Quantity.parse("40", "t", "q"), Quantity.parse("0", "kg", "q"),
            new Co2e(new BigDecimal("1200.5"), BigDecimal.ZERO, new BigDecimal("3")));

    @Nested
    class Commitment {

        @Test
        void commits_to_two_records_as_in_the_documented_example() {
            SealCommitment c = SealCommitment.of(List.of(GASES, ACTIVITY), List.of());
            assertThat(new String(c.leafBytes(0), StandardCharsets.UTF_8)).isEqualTo("{\"co2e\":{\"biogenicCo2\":\"0\","
                    + "\"biogenicNonCo2\":\"0\",\"fossil\":\"17430\",\"total\":\"17430\"},\"contentHash\":"
                    + "\"054b34c02768c8018e70d0cd5775c2727c78b5470b940ae538d7111c667b8cde\",\"kind\":\"record\","
                    + "\"recordId\":\"0b9f6c1e-2d4a-4c3b-9a7e-5f1d2c3b4a59\",\"scope\":2,\"stage\":\"PRODUCTION\"}");
            assertThat(new String(c.leafBytes(1), StandardCharsets.UTF_8)).isEqualTo("{\"co2e\":{\"biogenicCo2\":"
                    + "\"100.5\",\"biogenicNonCo2\":\"54\",\"fossil\":\"50571\",\"total\":\"50625\"},\"contentHash\":"
                    + "\"6657b2b12b40710672d44b343bd268204e7a9b006f15607264a82f672d3e1b16\",\"kind\":\"record\","
                    + "\"recordId\":\"5d2c8e7a-9b1f-4e6d-8c3a-2f7b1e9d4c60\",\"scope\":1,\"stage\":\"PRODUCTION\"}");
            assertThat(c.tree().leafHashAt(0).toHex())
                    .isEqualTo("5015dcd9480864c1396ae427504610b6d01e8b2ecffb48ae232618bd3454ceac");
            assertThat(c.tree().leafHashAt(1).toHex())
                    .isEqualTo("dff263d3f0ae41115eb63d0f20c3ce4b5ab33054a3c2fc90725dfcf09920c01f");
            assertThat(c.root().toHex()).isEqualTo("763ab9d70a082a1fa275e57a6649c32653d3a0751c4410b34d838f20671fd667");
        }

        @Test
        void orders_records_by_id_then_transfers_by_id_whatever_the_input_order() {
            SealCommitment a = SealCommitment.of(List.of(GASES, ACTIVITY), List.of(PELLETS));
            SealCommitment b = SealCommitment.of(List.of(ACTIVITY, GASES), List.of(PELLETS));
            assertThat(a.root()).isEqualTo(b.root());
            assertThat(a.leaves()).extracting(l -> ((JsonString) l.get("kind").orElseThrow()).value())
                    .containsExactly("record", "record", "transfer");
            assertThat(Jcs.canonicalString(a.leaves().get(2))).isEqualTo("{\"co2e\":{\"biogenicCo2\":\"3\","
                    + "\"biogenicNonCo2\":\"0\",\"fossil\":\"1200.5\",\"total\":\"1200.5\"},\"kind\":\"transfer\","
                    + "\"quantity\":{\"amount\":\"40\",\"unit\":\"t\"},\"sourceGtin\":\"09506000134376\","
                    + "\"sourceLot\":\"PEL-2026-09\",\"sourceSealHash\":\"" + Sha256.of("upstream seal").toHex()
                    + "\",\"sourceShippedBefore\":{\"amount\":\"0\",\"unit\":\"kg\"},"
                    + "\"transferId\":\"20000000-0000-4000-8000-000000000009\"}");
        }

        @Test
        void proves_each_record_and_transfer() {
            SealCommitment c = SealCommitment.of(List.of(GASES, ACTIVITY), List.of(PELLETS));
            assertThat(c.proofForRecord(GASES.recordId())
                    .verify(c.root(), Jcs.canonicalize(SealCommitment.recordLeaf(GASES)))).isTrue();
            assertThat(c.proofForTransfer(PELLETS.transferId())
                    .verify(c.root(), Jcs.canonicalize(SealCommitment.transferLeaf(PELLETS)))).isTrue();
            assertThat(c.proofForRecord(GASES.recordId())
                    .verify(c.root(), Jcs.canonicalize(SealCommitment.recordLeaf(ACTIVITY)))).isFalse();
            assertThatThrownBy(() -> c.proofForRecord(PELLETS.transferId()))
                    .isInstanceOfSatisfying(LedgerRuleException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }

        @Test
        void refuses_duplicate_ids() {
            assertThatThrownBy(() -> SealCommitment.of(List.of(GASES, GASES), List.of()))
                    .isInstanceOfSatisfying(LedgerRuleException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID);
                        assertThat(e.getMessage()).isEqualTo(
                                "recordId \"5d2c8e7a-9b1f-4e6d-8c3a-2f7b1e9d4c60\": occurs more than once");
                    });
        }
    }

    @Nested
    class Seals {

        final Seal seal = Seal.compute(COIL_7, Quantity.parse("200", "t", "q"), Gwp100Set.IPCC_AR6,
                List.of(ACTIVITY, GASES), List.of(PELLETS));

        @Test
        void sums_records_and_inbound_material_and_divides_per_declared_unit() {
            assertThat(seal.footprint().total()).isEqualTo(new Co2e(new BigDecimal("69201.5"), new BigDecimal("54"),
                    new BigDecimal("103.5")));
            assertThat(seal.perUnit()).isEqualTo(new Co2e(new BigDecimal("346.0075"), new BigDecimal("0.27"),
                    new BigDecimal("0.5175")));
            assertThat(seal.recordCount()).isEqualTo(2);
            assertThat(seal.transferCount()).isEqualTo(1);
        }

        @Test
        void writes_a_json_form_that_reads_back_to_the_same_seal_and_hash() {
            JsonObject json = seal.toJson();
            Seal read = Seal.fromJson(json, "seal");
            assertThat(read).isEqualTo(seal);
            assertThat(read.hash()).isEqualTo(seal.hash());
            assertThat(seal.hash().value()).isEqualTo(Sha256.of(Jcs.canonicalize(json)));
        }

        @Test
        void refuses_a_stored_seal_whose_numbers_do_not_add_up() {
            JsonObject json = seal.toJson();
            JsonObject perUnit = ((JsonObject) json.get("perUnit").orElseThrow()).without("fossil")
                    .with("fossil", JsonString.of("346.0076"));
            assertThatThrownBy(() -> Seal.fromJson(json.without("perUnit").with("perUnit", perUnit), "seal"))
                    .isInstanceOf(LedgerRuleException.class);
            JsonObject footprint = ((JsonObject) json.get("footprint").orElseThrow()).without("total")
                    .with("total", JsonString.of("1"));
            assertThatThrownBy(() -> Seal.fromJson(json.without("footprint").with("footprint", footprint), "seal"))
                    .hasMessage("seal.footprint.total \"1\": total must be fossil + biogenicNonCo2 = 69255.5");
        }

        @Test
        void proves_its_leaves_only_with_its_own_tree_size() {
            SealCommitment c = SealCommitment.of(List.of(ACTIVITY, GASES), List.of(PELLETS));
            InclusionProof proof = c.proofForTransfer(PELLETS.transferId());
            byte[] leaf = Jcs.canonicalize(SealCommitment.transferLeaf(PELLETS));
            assertThat(seal.proves(proof, leaf)).isTrue();
            assertThat(seal.proves(new InclusionProof(2, 4, proof.path()), leaf)).isFalse();
        }

        @Test
        void changes_its_hash_when_anything_changes() {
            Seal other = Seal.compute(COIL_7, Quantity.parse("200.5", "t", "q"), Gwp100Set.IPCC_AR6,
                    List.of(ACTIVITY, GASES), List.of(PELLETS));
            assertThat(other.hash()).isNotEqualTo(seal.hash());
            Seal fewer = Seal.compute(COIL_7, Quantity.parse("200", "t", "q"), Gwp100Set.IPCC_AR6,
                    List.of(ACTIVITY), List.of(PELLETS));
            assertThat(fewer.hash()).isNotEqualTo(seal.hash());
        }
    }
}
