package org.carbonledger.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientEnvTest {

    @Test
    void reads_the_demo_clients_file_of_make_up() {
        ClientEnv env = ClientEnv.parse("""
                # demo clients
                ADMIN_CLIENT=steelco-admin
                ADMIN_SECRET=a-secret

                OPERATOR_CLIENT="steelco-operator"
                export OPERATOR_SECRET='s3cr=t'
                """, "demo-clients.env");
        Credentials operator = env.credentials("OPERATOR", "demo-clients.env");
        assertThat(operator.clientId()).isEqualTo("steelco-operator");
        // Only the first '=' separates: secrets may contain '='.
        assertThat(operator.secret()).isEqualTo("s3cr=t");
        assertThat(operator.toString()).doesNotContain("s3cr=t");
    }

    @Test
    void names_what_is_missing_without_printing_secrets() {
        ClientEnv env = ClientEnv.parse("READER_CLIENT=r\nREADER_SECRET=hidden\n", "f.env");
        assertThatThrownBy(() -> env.credentials("OPERATOR", "f.env")).hasMessage("f.env: no OPERATOR_CLIENT");
        assertThatThrownBy(() -> ClientEnv.parse("OK=1\nthis line has the secret\n", "f.env"))
                .hasMessage("f.env line 2: expected KEY=VALUE");
        assertThatThrownBy(() -> ClientEnv.parse("1BAD=x", "f.env")).hasMessageContaining("not a variable name");
    }

    @Test
    void the_certificate_is_the_one_make_up_writes_beside_the_clients_file() {
        assertThat(ClientEnv.certificateBeside(Path.of("/repo/service/run/steelco/demo-clients.env")))
                .isEqualTo(Path.of("/repo/service/run/steelco/tls/server.crt"));
    }

    @Test
    void a_missing_file_is_named_with_where_make_up_writes_it(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("demo-clients.env");
        assertThatThrownBy(() -> ClientEnv.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no clients file at " + missing);
        Files.writeString(missing, "ADMIN_CLIENT=a\nADMIN_SECRET=b\n");
        assertThat(ClientEnv.read(missing).credentials("ADMIN", "f").clientId()).isEqualTo("a");
    }
}
