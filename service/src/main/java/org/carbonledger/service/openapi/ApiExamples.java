package org.carbonledger.service.openapi;

/**
 * The example request bodies of the OpenAPI document, one story in the order a new producer follows it: register
 * the profile, a product, a batch of it, a metering device, a record that device signed, then ship part of the
 * sealed batch (and take the shipment back), and finally revoke the device from after the record's period. Each succeeds against the service of the organization whose example it
 * is (SteelCo's here) when sent in this order; sent again, each is answered as a replay. The ids are the examples'
 * own, so they never collide with the demo's.
 *
 * <p>The record is signed with the checked-in test key {@code fixtures/keys/meter-12.key.pem} of core, whose public
 * key {@link #DEVICE} registers: a reader can re-check the signature, and nobody should use that key for real data.
 */
public final class ApiExamples {
    /** The example product's GTIN. */
    public static final String GTIN = "09506000134413";
    /** The example batch's lot. */
    public static final String LOT = "EX-2026-12";
    /** The example device's id. */
    public static final String DEVICE_ID = "example-meter-1";
    /** The example shipment's id. */
    public static final String TRANSFER_ID = "5e000000-0000-4000-8000-000000000101";

    /** PUT /api/v1/organizations/self. */
    public static final String PROFILE = "{\"displayName\":\"SteelCo\",\"public\":false}";
    /** POST /api/v1/products. */
    public static final String PRODUCT = "{\"gtin\":\"" + GTIN + "\",\"name\":\"Example cold-rolled strip\","
            + "\"declaredUnit\":\"t\",\"description\":\"The product of the API examples\"}";
    /** POST /api/v1/batches. */
    public static final String BATCH = "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + LOT + "\","
            + "\"quantity\":{\"amount\":\"100\",\"unit\":\"t\"}}";
    /** POST /api/v1/devices. */
    public static final String DEVICE = "{\"deviceId\":\"example-meter-1\",\"publicKeyPem\":\"-----BEGIN PUBLIC KEY-----"
            + "\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEExW6e4NcbBUs7U+wcAvu9FmwYRHx\\nttUSHNQxHB9D5RtT9lsz3/KZpr5k5xbZKXeHu6fWn4kKcn5IRFPNf+y5+Q==\\n"
            + "-----END PUBLIC KEY-----\\n\",\"validFrom\":\"2026-01-01T00:00:00Z\","
            + "\"description\":\"The meter of the API examples\"}";
    // POST /api/v1/records (JSON): the example of the SignedRecords schema (src/main/openapi/carbonledger-extra.yml),
    // the record below as JSON; the generator cannot carry a request example on a route that also takes text/csv.
    /** POST /api/v1/records as text/csv: the same record as a file row (docs/record-files.md). */
    public static final String RECORD_CSV = "recordId,gtin,lot,deviceId,periodStart,periodEnd,scope,stage,gas.CO2,"
            + "signature\n5e000000-0000-4000-8000-000000000001," + GTIN + "," + LOT + ",example-meter-1,"
            + "2026-11-01T00:00:00Z,2026-11-30T23:59:59Z,1,PRODUCTION,1250,MEUCIQD0Z5m/9nD9aQz9FWJujku24THZoGglO6NGU2qwf"
            + "hF7RAIgdrKtKWIRsPc1SSRJlSMYTJtWGEj2w+iSaOE8fdRItDc=\n";
    /** POST /api/v1/transfers: after POST /api/v1/batches/{gtin}/{lot}/seal. */
    public static final String SHIPMENT = "{\"transferId\":\"" + TRANSFER_ID + "\",\"from\":{\"gtin\":\"" + GTIN
            + "\",\"lot\":\"" + LOT + "\"},\"toMspId\":\"ApplianceCoMSP\",\"quantity\":{\"amount\":\"2\",\"unit\":\"t\"}}";
    /** POST /api/v1/transfers/{transferId}/cancel (and the reason of reject). */
    public static final String REASON = "{\"reason\":\"shipped by mistake\"}";

    /** POST /api/v1/devices/{deviceId}/revoke: from after the example record's period, which therefore still counts. */
    public static final String REVOCATION = "{\"revokedFrom\":\"2026-12-01T00:00:00Z\"}";

    private ApiExamples() {
    }
}
