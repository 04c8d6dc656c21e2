package org.carbonledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.hyperledger.fabric.contract.ContractRouter;
import org.junit.jupiter.api.Test;

class ChaincodeMainTest {

    @Test
    void requestLoggingStaysQuietWhenTheShimSetsItsPackagesToInfo() {
        ChaincodeMain.quietRequestLogging();
        // What the shim's initializeLogging does with CORE_CHAINCODE_LOGGING_LEVEL=INFO (or DEBUG).
        Logger.getLogger(ContractRouter.class.getPackage().getName()).setLevel(Level.FINEST);
        Logger.getLogger("org.hyperledger.fabric.shim").setLevel(Level.FINEST);

        assertThat(Logger.getLogger(ContractRouter.class.getName()).isLoggable(Level.INFO))
                .as("the router's \"Got the invoke request for\" line").isFalse();
        assertThat(Logger.getLogger("org.hyperledger.fabric.contract.execution.impl.ContractExecutionService")
                .isLoggable(Level.FINE)).isFalse();
        assertThat(Logger.getLogger("org.hyperledger.fabric.shim.impl.InvocationTaskManager").isLoggable(Level.INFO)).isFalse();
        assertThat(Logger.getLogger(ContractRouter.class.getName()).isLoggable(Level.WARNING)).isTrue();
    }
}
