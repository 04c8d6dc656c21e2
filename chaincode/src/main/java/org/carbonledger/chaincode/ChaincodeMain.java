package org.carbonledger.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hyperledger.fabric.contract.ContractRouter;

/**
 * Starts the chaincode (Fabric's contract router) with request logging silenced. At INFO the router logs every
 * request with its arguments ("Got the invoke request for: …"), and arguments are whatever a client sends: a private
 * key pasted where a public one belongs once ended up, whole, in a peer's chaincode log. The shim sets its
 * packages' levels from {@code CORE_CHAINCODE_LOGGING_LEVEL} when it starts, so the loggers that see requests get
 * their own level here, which a package level cannot override, whatever the deployment sets.
 */
public final class ChaincodeMain {
    /** Loggers that see a request's arguments or transient data. */
    static final List<String> REQUEST_LOGGERS = List.of(
            ContractRouter.class.getName(),
            "org.hyperledger.fabric.contract.execution",
            "org.hyperledger.fabric.contract.routing",
            "org.hyperledger.fabric.shim.impl");

    /** Held so the configured loggers are not collected (java.util.logging keeps them weakly) and reset. */
    private static final List<Logger> HELD = new ArrayList<>();

    private ChaincodeMain() {
    }

    public static void main(String[] args) throws Exception {
        quietRequestLogging();
        ContractRouter.main(args);
    }

    /** Warnings and errors only from the loggers that see requests. */
    static synchronized void quietRequestLogging() {
        for (String name : REQUEST_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            HELD.add(logger);
        }
    }
}
