package org.carbonledger.core.crypto;

import java.util.Base64;
import java.util.Objects;
import org.carbonledger.core.error.ErrorCode;
import org.carbonledger.core.error.LedgerRuleException;

/** Strict reading and canonical writing of a single PEM block (RFC 7468). */
public final class Pem {

    private static final int LINE = 64;

    private Pem() {
    }

    /**
     * Decodes exactly one PEM block with the given label. Whitespace around the block and CR/LF line endings are
     * accepted; headers (as in legacy encrypted keys), other labels, a second block and bad base64 are refused.
     *
     * @param pem the text
     * @param label the expected label, e.g. {@code PUBLIC KEY}
     * @param field the JSON path or name of the input, for the error message
     * @return the DER bytes
     * @throws LedgerRuleException (INVALID_KEY) naming what is wrong
     */
    public static byte[] decode(String pem, String label, String field) {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(field, "field");
        String text = pem.strip();
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        if (!text.startsWith(begin)) {
            String found = "no PEM header";
            if (text.startsWith("-----BEGIN ")) {
                int eol = text.indexOf('\n');
                found = (eol < 0 ? text : text.substring(0, eol)).strip();
            }
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "expected a PEM block \"" + begin + "\", found " + LedgerRuleException.quote(found));
        }
        if (!text.endsWith(end)) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "PEM block does not end with \"" + end + "\" (or has trailing content)");
        }
        String body = text.substring(begin.length(), text.length() - end.length());
        if (body.contains("-----") || body.contains(":")) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field,
                    "PEM block holds headers or a second block; expected one unencrypted " + label);
        }
        String base64 = body.replace("\r", "").replace("\n", "").replace(" ", "").replace("\t", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "PEM body is not valid base64");
        }
        if (der.length == 0) {
            throw LedgerRuleException.ofField(ErrorCode.INVALID_KEY, field, "PEM body is empty");
        }
        return der;
    }

    /**
     * Writes the canonical PEM form: header, base64 in lines of 64 characters, footer, each line ending in LF.
     *
     * @param label e.g. {@code PUBLIC KEY}
     * @param der the DER bytes
     * @return the PEM text
     */
    public static String encode(String label, byte[] der) {
        Objects.requireNonNull(label, "label");
        String b64 = Base64.getEncoder().encodeToString(Objects.requireNonNull(der, "der"));
        StringBuilder out = new StringBuilder(b64.length() + 80);
        out.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += LINE) {
            out.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
        }
        out.append("-----END ").append(label).append("-----\n");
        return out.toString();
    }
}
