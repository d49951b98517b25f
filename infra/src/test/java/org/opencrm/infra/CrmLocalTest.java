package org.opencrm.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DevTokens;

class CrmLocalTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return CrmLocal.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void token_printsAVerifiableTokenForADemoUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(0, run(out, new ByteArrayOutputStream(), "token", "demo-lead-a"));

        String token = out.toString(StandardCharsets.UTF_8).trim();
        var claims = DevTokens.fromEnvironment(AppClock.SHARED).verify(token).orElseThrow();
        assertEquals("demo-lead-a", claims.getSubject());
        assertEquals("TEAM_LEAD", claims.getClaim("custom:role"));
        assertEquals("east-a", claims.getClaim("custom:team"));
    }

    @Test
    void token_exitsWithCode2_forAnUnknownUser() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(2, run(new ByteArrayOutputStream(), err, "token", "nobody"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown demo user nobody"));
    }

    @Test
    void serveFlags_areParsedIntoOptions_andUnknownFlagsRefused() {
        LocalCloudOptions options = CrmLocal.parseServe(List.of("--port", "9090", "--in-memory", "--demo", "--data", "d"))
                .orElseThrow();

        assertEquals(new LocalCloudOptions(Path.of("template.yaml"), 9090, true, Path.of("d"), true), options);
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--bogus")));
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--port")));
    }
}
