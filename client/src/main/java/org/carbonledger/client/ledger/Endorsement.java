package org.carbonledger.client.ledger;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who endorses a transaction and what reaches the endorsers only. By default the Gateway plans the endorsement from
 * the chaincode's policies ({@link #planned()}); a transaction on private data names its endorsing organizations (the
 * organizations holding the data: only their peers may see the transient inputs, and Fabric requires each holder's
 * peer for a write to its collection), and carries its private inputs in the transient map, which never enters a
 * block.
 *
 * @param organizations the endorsing organizations' MSP ids; empty: the Gateway plans
 * @param transientData private inputs by name
 */
public record Endorsement(List<String> organizations, Map<String, byte[]> transientData) {

    /** Copies; transient values are copied too, so the caller may reuse its arrays. */
    public Endorsement {
        organizations = List.copyOf(Objects.requireNonNull(organizations, "organizations"));
        Map<String, byte[]> copy = new TreeMap<>();
        Objects.requireNonNull(transientData, "transientData").forEach((k, v) ->
                copy.put(Objects.requireNonNull(k, "transientData key"), Objects.requireNonNull(v, "transientData value").clone()));
        transientData = java.util.Collections.unmodifiableMap(copy);
        if (!transientData.isEmpty() && organizations.isEmpty()) {
            throw new IllegalArgumentException("transient data goes to named organizations only, never to whatever the Gateway plans");
        }
    }

    /** The Gateway plans the endorsement; no transient data. */
    public static Endorsement planned() {
        return new Endorsement(List.of(), Map.of());
    }

    /** Endorsed by a peer of each of these organizations. */
    public static Endorsement by(List<String> organizations) {
        if (organizations.isEmpty()) {
            throw new IllegalArgumentException("organizations: at least one");
        }
        return new Endorsement(organizations, Map.of());
    }

    /** The same endorsers, with these private inputs. */
    public Endorsement withTransient(Map<String, byte[]> data) {
        return new Endorsement(organizations, data);
    }

    /** Whether the Gateway plans the endorsement. */
    public boolean isPlanned() {
        return organizations.isEmpty();
    }

    /** What a log line may say of it: who endorses and the size of each transient entry, never a value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Endorsement[").append(isPlanned() ? "planned" : String.join(",", organizations));
        transientData.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v.length).append(" bytes"));
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Endorsement other) || !organizations.equals(other.organizations)
                || !transientData.keySet().equals(other.transientData.keySet())) {
            return false;
        }
        return transientData.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), other.transientData.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return organizations.hashCode() * 31 + transientData.keySet().hashCode();
    }
}
