package org.carbonledger.service.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * What one running instance is: the member organization it acts for and where it keeps its own files.
 *
 * @param dataDir folder for generated material that must survive a restart (TLS keystore, JWT signing key, embedded
 *     database); relative to the working directory unless absolute ({@code CARBONLEDGER_DATA_DIR})
 * @param organization the Fabric MSP id of the organization this instance acts for, e.g. {@code SteelCoMSP}
 *     ({@code CARBONLEDGER_ORGANIZATION}); it is the {@code org} claim of every token the service issues
 */
@ConfigurationProperties("carbonledger")
public record ServiceProperties(
        @NotBlank String dataDir,
        @NotBlank(message = "carbonledger.organization (CARBONLEDGER_ORGANIZATION) must name this instance's MSP id")
        @Pattern(regexp = "[A-Za-z0-9.\\-]{1,64}", message = "must be a Fabric MSP id: letters, digits, '.', '-'")
        String organization) {
}
