package org.carbonledger.chaincode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.carbonledger.chaincode.attestation.AttestationContract;
import org.carbonledger.chaincode.batch.BatchContract;
import org.carbonledger.chaincode.device.DeviceContract;
import org.carbonledger.chaincode.factor.FactorContract;
import org.carbonledger.chaincode.governance.GovernanceContract;
import org.carbonledger.chaincode.product.ProductContract;
import org.carbonledger.chaincode.record.RecordContract;
import org.carbonledger.chaincode.transfer.TransferContract;
import org.carbonledger.core.ledger.LedgerOperation;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The operation list clients call by is exactly the list of transactions the chaincode declares. */
class LedgerOperationTest {

    private static final List<Class<?>> CONTRACTS = List.of(GovernanceContract.class, DeviceContract.class,
            FactorContract.class, ProductContract.class, BatchContract.class, RecordContract.class,
            TransferContract.class, AttestationContract.class);

    /** "Contract:Transaction" → intent, as declared by the annotations. */
    private static Map<String, LedgerOperation.Intent> declared() {
        Map<String, LedgerOperation.Intent> result = new TreeMap<>();
        for (Class<?> contract : CONTRACTS) {
            String name = contract.getAnnotation(Contract.class).name();
            for (Method m : contract.getDeclaredMethods()) {
                Transaction t = m.getAnnotation(Transaction.class);
                if (t != null) {
                    LedgerOperation.Intent intent = t.intent() == Transaction.TYPE.SUBMIT
                            ? LedgerOperation.Intent.SUBMIT : LedgerOperation.Intent.EVALUATE;
                    assertThat(result.put(name + ":" + m.getName(), intent)).as(name + ":" + m.getName()).isNull();
                }
            }
        }
        return result;
    }

    @Test
    void every_operation_is_one_declared_transaction_with_the_same_intent_and_every_transaction_is_an_operation() {
        Map<String, LedgerOperation.Intent> enumerated = Arrays.stream(LedgerOperation.values())
                .collect(Collectors.toMap(LedgerOperation::qualifiedName, LedgerOperation::intent, (a, b) -> {
                    throw new AssertionError("an operation is listed twice");
                }, TreeMap::new));
        assertThat(enumerated).isEqualTo(declared());
    }

    @Test
    void every_contract_name_is_one_of_the_declared_contracts() {
        List<String> declaredContracts = CONTRACTS.stream().map(c -> c.getAnnotation(Contract.class).name()).sorted().toList();
        List<String> enumeratedContracts = Arrays.stream(LedgerOperation.values()).map(LedgerOperation::contract)
                .distinct().sorted().toList();
        assertThat(enumeratedContracts).isEqualTo(declaredContracts);
    }

    @Test
    void an_operation_is_found_by_its_qualified_name() {
        assertThat(LedgerOperation.ofQualifiedName("Batches:SealBatch")).contains(LedgerOperation.SEAL_BATCH);
        assertThat(LedgerOperation.SEAL_BATCH.qualifiedName()).isEqualTo("Batches:SealBatch");
        assertThat(LedgerOperation.ofQualifiedName("Batches:Seal")).isEmpty();
    }
}
