package org.opencrm.core.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A client built on a thread of its own while the caller goes on building what only holds a
 * reference to it (stores, services, the GraphQL schema): each call waits for the build, then goes
 * to the built client. A build that failed fails each call with the build's own error.
 *
 * <p>Why: a cold start spends most of its time building the DynamoDB client (the HTTP client's
 * native library, credentials, endpoint rules) and, on another core, the services and schema would
 * wait behind it for nothing: {@code ColdStartBench} measures the difference.
 */
public final class AwaitedClient {

    private AwaitedClient() {}

    /**
     * A {@code type} whose calls go to what {@code build} makes, started now on a daemon thread
     * named {@code name}.
     */
    public static <T> T of(Class<T> type, String name, Supplier<T> build) {
        CompletableFuture<T> built = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                built.complete(build.get());
                            } catch (RuntimeException | Error failed) {
                                built.completeExceptionally(failed);
                            }
                        },
                        name);
        thread.setDaemon(true);
        thread.start();
        return type.cast(
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (proxy, method, args) ->
                                method.getDeclaringClass() == Object.class
                                        ? identity(proxy, method, args)
                                        : call(built, method, args)));
    }

    /**
     * hashCode, equals and toString answer for the proxy itself, without waiting: it goes into
     * identity maps (priming registrations) long before the client is built.
     */
    private static Object identity(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "AwaitedClient@" + Integer.toHexString(System.identityHashCode(proxy));
        };
    }

    private static Object call(CompletableFuture<?> built, Method method, Object[] args)
            throws Throwable {
        Object client;
        try {
            client = built.join();
        } catch (CompletionException failed) {
            throw failed.getCause();
        }
        try {
            return method.invoke(client, args);
        } catch (InvocationTargetException thrown) {
            // the client's own exception, as a direct call would have thrown it
            throw thrown.getCause();
        }
    }
}
