package org.carbonledger.cli.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carbonledger.cli.common.CliContext;
import org.carbonledger.cli.common.CliException;
import org.carbonledger.cli.common.CliFiles;
import org.carbonledger.cli.common.ExitCode;
import org.carbonledger.cli.common.Group;
import org.carbonledger.cli.common.OutputOptions;
import org.carbonledger.cli.importer.RecordFiles;
import org.carbonledger.core.accounting.EmissionRecord;
import org.carbonledger.core.crypto.DeviceKeyPair;
import org.carbonledger.core.crypto.DevicePrivateKey;
import org.carbonledger.core.crypto.DevicePublicKey;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.Json;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.core.json.JsonValue;
import org.carbonledger.core.record.RecordCsv;
import org.carbonledger.core.record.RecordFile;
import org.carbonledger.core.record.RecordFormat;
import org.carbonledger.core.record.RecordRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Device keys: what a metering device or plant gateway needs to produce records the ledger accepts. */
@Command(name = "keys", description = "Generate device key pairs, show public keys, sign records and record files.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Public.class, KeysCommand.Sign.class,
            KeysCommand.SignFile.class})
public final class KeysCommand extends Group {
    static JsonObject publicKeyJson(DevicePublicKey key) {
        return JsonObject.builder().put("publicKeyPem", key.toPem())
                .put("fingerprint", key.fingerprint().toHex()).build();
    }

    /** keys generate. */
    @Command(name = "generate", description = {"Generate a device key pair: ECDSA P-256, PEM.",
        "The private key is PKCS#8, encrypted with a passphrase when --encrypt is given (readable by "
            + "`openssl pkey`); the public key is what `carbonctl device register` puts on the ledger."},
            footerHeading = "%nExamples:%n",
            footer = {"  carbonctl keys generate --private meter-12.key.pem --public meter-12.pub.pem",
                "  CARBONCTL_KEY_PASSPHRASE=... carbonctl keys generate --encrypt --private k.pem --public p.pem"})
    static final class Generate implements Callable<Integer> {
        @Option(names = "--private", required = true, paramLabel = "FILE", description = "Write the private key here (mode 600).")
        Path privateFile;
        @Option(names = "--public", required = true, paramLabel = "FILE", description = "Write the public key here.")
        Path publicFile;
        @Option(names = "--encrypt", description = "Encrypt the private key with the passphrase (see --passphrase-env).")
        boolean encrypt;
        @Option(names = "--force", description = "Overwrite existing files.")
        boolean force;
        @Mixin
        Passphrase passphrase;
        @Mixin
        OutputOptions output;
        private final CliContext ctx;

        Generate(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws NoSuchAlgorithmException {
            Optional<char[]> secret = Optional.empty();
            if (encrypt) {
                secret = Optional.of(passphrase.get().orElseThrow(() -> CliException.invalid("--encrypt needs a "
                        + "passphrase: --passphrase-env VAR, --passphrase-file FILE or $" + Passphrase.DEFAULT_ENV)));
            }
            DeviceKeyPair pair = DeviceKeyPair.generate(SecureRandom.getInstanceStrong());
            CliFiles.write(ctx.resolve(privateFile), KeyFiles.privatePem(pair.privateKey(), secret)
                    .getBytes(StandardCharsets.UTF_8), true, force);
            CliFiles.write(ctx.resolve(publicFile), pair.publicKey().toPem().getBytes(StandardCharsets.UTF_8),
                    false, force);
            if (output.json()) {
                output.print(ctx, publicKeyJson(pair.publicKey()).toBuilder()
                        .put("privateKeyFile", privateFile.toString()).put("publicKeyFile", publicFile.toString())
                        .put("encrypted", encrypt).build());
            } else {
                ctx.out().println("private key: " + privateFile + (encrypt ? " (encrypted)" : " (not encrypted: keep it "
                        + "on the device only)"));
                ctx.out().println("public key:  " + publicFile);
                ctx.out().println("fingerprint: sha256:" + pair.publicKey().fingerprint().toHex());
            }
            return ExitCode.OK;
        }
    }

    /** keys public. */
    @Command(name = "public", description = "Print the public key (and its fingerprint) of a private or public key file.",
            footerHeading = "%nExamples:%n", footer = {"  carbonctl keys public meter-12.key.pem",
                "  carbonctl keys public meter-12.key.pem --output json | jq -r .fingerprint"})
    static final class Public implements Callable<Integer> {
        @Parameters(paramLabel = "KEYFILE", description = "A PEM private key (possibly encrypted) or public key.")
        Path file;
        @Mixin
        Passphrase passphrase;
        @Mixin
        OutputOptions output;
        private final CliContext ctx;

        Public(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            DevicePublicKey key = KeyFiles.readPublic(ctx, file, passphrase);
            if (output.json()) {
                output.print(ctx, publicKeyJson(key));
            } else {
                ctx.out().print(key.toPem());
                ctx.out().println("fingerprint: sha256:" + key.fingerprint().toHex());
            }
            return ExitCode.OK;
        }
    }

    /** keys sign. */
    @Command(name = "sign", description = {"Sign one record (a JSON object without signature) on a device's behalf.",
        "Prints the signed record: ECDSA P-256/SHA-256 over its RFC 8785 canonical form, DER, base64."},
            footerHeading = "%nExamples:%n", footer = {"  carbonctl keys sign --key meter-12.key.pem record.json",
                "  gateway-export | carbonctl keys sign --key meter-12.key.pem - > signed.json"})
    static final class Sign implements Callable<Integer> {
        @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEYFILE", description = "The device's private key.")
        Path key;
        @Parameters(paramLabel = "FILE", defaultValue = "-", description = "The unsigned record, or - for stdin (default).")
        String file;
        @Mixin
        Passphrase passphrase;
        private final CliContext ctx;

        Sign(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            DevicePrivateKey k = KeyFiles.readPrivate(ctx, key, passphrase);
            byte[] bytes = file.equals("-") ? System.in.readAllBytes() : CliFiles.read(ctx.resolve(Path.of(file)), "record");
            JsonObject record = Json.parseObject(bytes, "record");
            ctx.out().println(Jcs.canonicalString(EmissionRecord.sign(record, k).json()));
            return ExitCode.OK;
        }
    }

    /** keys sign-file. */
    @Command(name = "sign-file", description = {"Sign every unsigned row of a record file (CSV or JSON array) with "
            + "one device key and write the signed file.",
        "The file is validated first; every bad row is listed and nothing is written. Rows already signed are kept "
            + "as they are. The output format follows the output file's extension (.csv or .json).",
        "A CSV is written for import: every value exactly as signed. Give --for-spreadsheet for a copy to open in a "
            + "spreadsheet, with cells that would run as formulas escaped; that copy is not for import."},
            footerHeading = "%nExamples:%n", footer = {
                "  carbonctl keys sign-file --key meter-12.key.pem --out october.signed.csv october.csv",
                "  carbonctl keys sign-file --key meter-12.key.pem --out october.json october.csv"})
    static final class SignFile implements Callable<Integer> {
        @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEYFILE", description = "The device's private key.")
        Path key;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed file.")
        Path out;
        @Option(names = "--force", description = "Overwrite an existing output file.")
        boolean force;
        @Option(names = "--for-spreadsheet", description = {"Write a CSV to open in a spreadsheet: a cell starting "
                + "with = + - @, a tab or a carriage return gets a leading quote so it is not run as a formula.",
            "Importing that copy changes those values and fails their signatures: keep the unescaped file for import."})
        boolean forSpreadsheet;
        @Parameters(paramLabel = "FILE", description = "The record file (.csv or .json).")
        Path file;
        @Mixin
        Passphrase passphrase;
        @Mixin
        OutputOptions output;
        private final CliContext ctx;

        SignFile(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            RecordFile records = RecordFiles.readAllValid(ctx, file, null);
            DevicePrivateKey k = KeyFiles.readPrivate(ctx, key, passphrase);
            RecordFormat format = RecordFormat.forFileName(out.toString()).orElse(records.format());
            if (forSpreadsheet && format != RecordFormat.CSV) {
                throw CliException.invalid("--for-spreadsheet writes CSV only; name the output file *.csv");
            }
            List<JsonObject> signed = new ArrayList<>(records.rows().size());
            int alreadySigned = 0;
            for (RecordRow row : records.rows()) {
                if (row.signed()) {
                    alreadySigned++;
                    signed.add(row.record());
                } else {
                    signed.add(EmissionRecord.sign(row.record(), k).json());
                }
            }
            String text = format == RecordFormat.CSV
                    ? RecordCsv.write(signed, forSpreadsheet ? RecordCsv.Audience.SPREADSHEET : RecordCsv.Audience.IMPORT)
                    : Jcs.canonicalString(JsonArray.of(new ArrayList<JsonValue>(signed))) + "\n";
            // The import file keeps such values as signed; say so, as whoever opens it in a spreadsheet is at risk.
            if (format == RecordFormat.CSV && !forSpreadsheet
                    && !text.equals(RecordCsv.write(signed, RecordCsv.Audience.SPREADSHEET))) {
                ctx.err().println("warning: " + out + " has cells starting with = + - @, a tab or a carriage return, "
                        + "which a spreadsheet runs as formulas: import it, do not open it in a spreadsheet "
                        + "(--for-spreadsheet writes a copy to read)");
            }
            CliFiles.write(ctx.resolve(out), text.getBytes(StandardCharsets.UTF_8), false, force);
            int newly = signed.size() - alreadySigned;
            if (output.json()) {
                output.print(ctx, JsonObject.builder().put("file", out.toString()).put("signed", newly)
                        .put("alreadySigned", alreadySigned).put("fingerprint", k.publicKey().fingerprint().toHex())
                        .build());
            } else {
                ctx.out().println("signed " + newly + " record(s) with key sha256:" + k.publicKey().fingerprint().toHex()
                        + (alreadySigned > 0 ? ", kept " + alreadySigned + " already signed" : "") + " -> " + out);
            }
            return ExitCode.OK;
        }
    }
}
