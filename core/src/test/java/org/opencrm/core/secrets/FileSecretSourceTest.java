package org.opencrm.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencrm.core.identity.GoldenIds;

class FileSecretSourceTest {

    @TempDir Path dir;

    private static String base64Key(int length) {
        byte[] key = new byte[length];
        Arrays.fill(key, (byte) 7);
        return Base64.getEncoder().encodeToString(key);
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void load_readsTheBase64KeyAndTheChannelSecrets() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        Path file =
                write(
                        "{\"goldenIdKey\":\""
                                + base64Key(32)
                                + "\","
                                + "\"webhookSecrets\":{\"facebook\":\"s-fb\",\"tiktok\":\"s-tt\"}}");

        FileSecretSource secrets = FileSecretSource.load(file);

        assertArrayEquals(key, secrets.goldenIdKey());
        assertEquals(Optional.of("s-fb"), secrets.webhookSecret("facebook"));
        assertEquals(Optional.of("s-tt"), secrets.webhookSecret("tiktok"));
    }

    @Test
    void webhookSecret_isEmpty_forAChannelWithoutOne() throws Exception {
        FileSecretSource secrets =
                FileSecretSource.load(write("{\"goldenIdKey\":\"" + base64Key(32) + "\"}"));

        assertEquals(Optional.empty(), secrets.webhookSecret("facebook"));
        assertEquals(Optional.empty(), secrets.webhookSecret(null));
    }

    @Test
    void goldenIdKey_isACopy_soCallersCannotChangeTheSource() throws Exception {
        FileSecretSource secrets =
                FileSecretSource.load(write("{\"goldenIdKey\":\"" + base64Key(32) + "\"}"));

        Arrays.fill(secrets.goldenIdKey(), (byte) 0);

        assertEquals(7, secrets.goldenIdKey()[0]);
    }

    @Test
    void load_refusesAKeyShorterThan32Bytes() throws Exception {
        Path file = write("{\"goldenIdKey\":\"" + base64Key(31) + "\"}");

        assertThrows(IllegalArgumentException.class, () -> FileSecretSource.load(file));
    }

    @Test
    void load_refusesAMissingOrNonBase64Key() throws Exception {
        Path missing = write("{\"webhookSecrets\":{}}");
        assertThrows(IllegalArgumentException.class, () -> FileSecretSource.load(missing));

        Path notBase64 = write("{\"goldenIdKey\":\"not base64 at all!!\"}");
        assertThrows(IllegalArgumentException.class, () -> FileSecretSource.load(notBase64));
    }

    @Test
    void load_refusesNonJson_withoutQuotingTheFileContent() throws Exception {
        Path file = write("{\"goldenIdKey\": SUPERSECRETVALUE}");

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> FileSecretSource.load(file));

        assertFalse(refused.getMessage().contains("SUPERSECRETVALUE"), refused.getMessage());
    }

    @Test
    void load_refusesANonStringChannelSecret() throws Exception {
        Path file =
                write(
                        "{\"goldenIdKey\":\""
                                + base64Key(32)
                                + "\",\"webhookSecrets\":{\"facebook\":42}}");

        assertThrows(IllegalArgumentException.class, () -> FileSecretSource.load(file));
    }

    @Test
    void load_failsUnchecked_whenTheFileIsMissing() {
        assertThrows(
                UncheckedIOException.class,
                () -> FileSecretSource.load(dir.resolve("absent.json")));
    }

    @Test
    void createDemo_writesARandom32ByteKeyAndADemoSecretPerChannel() {
        Path file = dir.resolve("nested/secrets.json");

        Path created = FileSecretSource.createDemo(file, List.of("facebook", "tiktok"));

        FileSecretSource secrets = FileSecretSource.load(created);
        assertEquals(file, created);
        assertEquals(32, secrets.goldenIdKey().length);
        assertFalse(
                Arrays.equals(new byte[32], secrets.goldenIdKey()), "key must not be all zeros");
        assertEquals(Optional.of("demo-secret-facebook"), secrets.webhookSecret("facebook"));
        assertEquals(Optional.of("demo-secret-tiktok"), secrets.webhookSecret("tiktok"));
        assertEquals(Optional.empty(), secrets.webhookSecret("baidu"));
    }

    @Test
    void createDemo_leavesAnExistingFileAlone_soTheGoldenKeyStaysStable() throws Exception {
        Path file = FileSecretSource.createDemo(dir.resolve("secrets.json"), List.of("facebook"));
        byte[] before = Files.readAllBytes(file);

        FileSecretSource.createDemo(file, List.of("facebook", "tiktok"));

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(Optional.empty(), FileSecretSource.load(file).webhookSecret("tiktok"));
    }

    @Test
    void createDemo_drawsANewKey_forEachNewDeployment() {
        byte[] first =
                FileSecretSource.load(FileSecretSource.createDemo(dir.resolve("a.json"), List.of()))
                        .goldenIdKey();
        byte[] second =
                FileSecretSource.load(FileSecretSource.createDemo(dir.resolve("b.json"), List.of()))
                        .goldenIdKey();

        assertNotEquals(
                Base64.getEncoder().encodeToString(first),
                Base64.getEncoder().encodeToString(second));
    }

    @Test
    void createDemo_makesTheFileReadableByItsOwnerOnly_wherePermissionsExist() throws Exception {
        Path file = FileSecretSource.createDemo(dir.resolve("secrets.json"), List.of("facebook"));

        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file)));
    }

    @Test
    void createdDemoKey_isAcceptedByGoldenIds() {
        FileSecretSource secrets =
                FileSecretSource.load(
                        FileSecretSource.createDemo(dir.resolve("s.json"), List.of()));

        assertTrue(
                new GoldenIds(secrets.goldenIdKey())
                        .of("+8613812345678", null)
                        .matches("[0-9a-f]{64}"));
    }
}
