package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AwaitedClientTest {

    /** A client with one call, standing in for an SDK client interface. */
    interface Greeter {
        String greet(String name);
    }

    @Test
    void aCall_waitsForTheBuild_andGoesToTheBuiltClient() throws Exception {
        // GIVEN a build held until released
        CountDownLatch release = new CountDownLatch(1);
        Greeter greeter =
                AwaitedClient.of(
                        Greeter.class,
                        "greeter-build",
                        () -> {
                            await(release);
                            return name -> "hello " + name;
                        });

        // WHEN the caller keeps the proxy in identity-based structures before the build ends
        Set<Greeter> registered = Collections.newSetFromMap(new WeakHashMap<>());
        registered.add(greeter);
        boolean found = registered.contains(greeter);
        int hash = greeter.hashCode();
        release.countDown();

        // THEN those answered without the client, and a call reaches the built client
        assertEquals(System.identityHashCode(greeter), hash);
        assertTrue(found);
        assertEquals("hello crm", greeter.greet("crm"));
    }

    @Test
    void aFailedBuild_failsEachCall_withTheBuildsOwnError() {
        // GIVEN a build that throws
        Greeter greeter =
                AwaitedClient.of(
                        Greeter.class,
                        "greeter-build",
                        () -> {
                            throw new IllegalStateException("no region configured");
                        });

        // WHEN / THEN every call fails with that error, not a wrapper
        IllegalStateException first =
                assertThrows(IllegalStateException.class, () -> greeter.greet("crm"));
        assertEquals("no region configured", first.getMessage());
        assertThrows(IllegalStateException.class, () -> greeter.greet("again"));
    }

    @Test
    void theClientsOwnException_reachesTheCallerUnwrapped() {
        // GIVEN a client whose call throws
        Greeter greeter =
                AwaitedClient.of(
                        Greeter.class,
                        "greeter-build",
                        () ->
                                name -> {
                                    throw new IllegalArgumentException("bad name " + name);
                                });

        // WHEN / THEN the caller sees the client's exception as a direct call would throw it
        IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> greeter.greet("x"));
        assertEquals("bad name x", thrown.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
