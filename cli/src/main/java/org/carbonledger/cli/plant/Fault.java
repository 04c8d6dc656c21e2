package org.carbonledger.cli.plant;

import java.util.Locale;
import java.util.Optional;

/** What a simulated device can do wrong, each something the service must refuse or alert on. */
public enum Fault {
    /** A reading changed after it was signed: refused as BAD_SIGNATURE. */
    TAMPER,
    /** A new reading signed with a sequence number already used: refused as REPLAYED_SEQUENCE. */
    REPLAY,
    /** A correctly signed reading from a device nobody registered: refused as UNKNOWN_DEVICE. */
    UNKNOWN_DEVICE,
    /** A reading whose timestamp is older than the service accepts (25 hours): refused as CLOCK_SKEW. */
    LATE,
    /** The device says nothing for two whole intervals: the live page's silence rule. */
    SILENT,
    /** A signed, valid reading far above what the device can measure (20 times its peak): the plausibility rule. */
    IMPLAUSIBLE;

    /** @return the name on the command line, e.g. {@code unknown-device} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param text a name on the command line
     * @return the fault
     */
    public static Optional<Fault> ofCliName(String text) {
        for (Fault f : values()) {
            if (f.cliName().equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
