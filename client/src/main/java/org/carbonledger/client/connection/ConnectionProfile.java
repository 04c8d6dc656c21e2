package org.carbonledger.client.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonObjectReader;
import org.carbonledger.core.json.JsonValue;

/**
 * What a member organization needs to reach a Fabric network: channel, chaincode, peers, orderers and its
 * identities. Read from a connection file (JSON, written by {@code make up} for the local network or by an operator
 * for any other); relative paths inside it are resolved against the file's folder.
 *
 * <pre>{@code
 * ConnectionProfile profile = ConnectionProfile.load(Path.of("network/run/connection/steelco.json"));
 * Endpoint gatewayPeer = profile.gatewayPeer();
 * IdentityFiles client = profile.identity("client");
 * }</pre>
 */
public record ConnectionProfile(
        String network,
        String channel,
        String chaincode,
        String organizationName,
        String mspId,
        List<Endpoint> peers,
        List<Endpoint> orderers,
        Map<String, IdentityFiles> identities) {

    public ConnectionProfile {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chaincode, "chaincode");
        Objects.requireNonNull(organizationName, "organizationName");
        Objects.requireNonNull(mspId, "mspId");
        peers = List.copyOf(peers);
        orderers = List.copyOf(orderers);
        identities = Collections.unmodifiableMap(new TreeMap<>(identities));
        if (peers.stream().noneMatch(p -> p.mspId().equals(mspId))) {
            throw new IllegalArgumentException("peers: no peer of the organization's own MSP " + mspId);
        }
    }

    /** Reads a connection file; errors name the file and the member that is wrong. */
    public static ConnectionProfile load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("connection file " + file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return parse(Json.parseObject(text, "connection"), file.toAbsolutePath().getParent());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("connection file " + file + ": " + e.getMessage(), e);
        }
    }

    static ConnectionProfile parse(JsonObject json, Path baseDir) {
        JsonObjectReader root = JsonObjectReader.of(json, "");
        JsonObjectReader org = root.requireObject("organization");
        String mspId = org.requireString("mspId");
        List<Endpoint> peers = endpoints(root.requireArray("peers"), "peers", baseDir);
        List<Endpoint> orderers = root.has("orderers")
                ? endpoints(root.requireArray("orderers"), "orderers", baseDir)
                : List.of();
        Map<String, IdentityFiles> identities = new TreeMap<>();
        JsonObjectReader ids = root.requireObject("identities");
        for (String name : ids.object().names()) {
            JsonObjectReader id = ids.requireObject(name);
            identities.put(name, new IdentityFiles(
                    id.optionalString("mspId").orElse(mspId),
                    baseDir.resolve(id.requireString("certificate")).normalize(),
                    baseDir.resolve(id.requireString("privateKey")).normalize()));
        }
        return new ConnectionProfile(
                root.optionalString("network").orElse("fabric"),
                root.requireString("channel"),
                root.requireString("chaincode"),
                org.optionalString("name").orElse(mspId),
                mspId,
                peers,
                orderers,
                identities);
    }

    private static List<Endpoint> endpoints(JsonArray array, String path, Path baseDir) {
        List<Endpoint> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            JsonObjectReader node = JsonObjectReader.of(JsonObjectReader.asObject(element, path + "[" + i + "]"), path + "[" + i + "]");
            result.add(new Endpoint(
                    node.requireString("name"),
                    node.requireString("mspId"),
                    node.requireString("endpoint"),
                    baseDir.resolve(node.requireString("tlsCaCertificate")).normalize()));
        }
        return result;
    }

    /** The peer whose Gateway service this organization uses: its first own peer. */
    public Endpoint gatewayPeer() {
        return peers.stream().filter(p -> p.mspId().equals(mspId)).findFirst().orElseThrow();
    }

    /** The named identity ("admin", "client", ...), or an error listing the names the file has. */
    public IdentityFiles identity(String name) {
        IdentityFiles id = identities.get(Objects.requireNonNull(name, "name"));
        if (id == null) {
            throw new IllegalArgumentException("identity \"" + name + "\" is not in the connection file (it has " + identities.keySet() + ")");
        }
        return id;
    }
}
