package org.carbonledger.service.openapi;

import java.util.Map;

/** The path parameters of the documented examples: the ids of the examples' own story. */
final class ApiExamplesPaths {
    private static final Map<String, String> VALUES = Map.of("{gtin}", ApiExamples.GTIN, "{lot}", ApiExamples.LOT,
            "{transferId}", ApiExamples.TRANSFER_ID, "{deviceId}", ApiExamples.DEVICE_ID);

    private ApiExamplesPaths() {
    }

    /** @return the template with every parameter the examples know filled in */
    static String fill(String template) {
        String path = template;
        for (Map.Entry<String, String> e : VALUES.entrySet()) {
            path = path.replace(e.getKey(), e.getValue());
        }
        if (path.contains("{")) {
            throw new IllegalStateException("no example value for a parameter of " + template);
        }
        return path;
    }
}
