package org.carbonledger.service.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;

/** The height of the channel on the organization's peer, from the peer's own ledger (system chaincode qscc). */
@Singleton
@Requires(beans = LedgerGateway.class)
public class ChainHeight {
    private final LedgerGateway gateway;

    public ChainHeight(LedgerGateway gateway) {
        this.gateway = gateway;
    }

    /** The number of blocks on the channel (the last block's number + 1). */
    public long blocks() {
        try {
            byte[] info = gateway.connection().network().getContract("qscc")
                    .evaluateTransaction("GetChainInfo", gateway.profile().channel());
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (GatewayException e) {
            throw new IllegalStateException("peer did not answer GetChainInfo: " + e.getStatus(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("peer answered GetChainInfo with something that is not BlockchainInfo", e);
        }
    }
}
