package org.opencrm.core.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real engine's client with crashes injected at random: before a write (nothing happened) or
 * after it (the write landed, the caller never heard). What a Lambda killed mid-invocation leaves
 * behind, on the real engine.
 */
public final class FaultyDynamo implements InvocationHandler {

    /** The failure a crash looks like to the code under test. */
    public static final class Crash extends RuntimeException {
        Crash(String where) {
            super("injected crash " + where);
        }
    }

    private static final Set<String> WRITES =
            Set.of("putItem", "updateItem", "deleteItem", "transactWriteItems", "batchWriteItem");

    private final DynamoDbClient real;
    private final Random random;
    private final double rate;
    private final AtomicInteger crashes = new AtomicInteger();

    private FaultyDynamo(DynamoDbClient real, long seed, double rate) {
        this.real = real;
        this.random = new Random(seed);
        this.rate = rate;
    }

    /**
     * A client whose writes crash with probability {@code rate}, half before and half after the
     * write.
     */
    public static FaultyDynamo around(DynamoDbClient real, long seed, double rate) {
        return new FaultyDynamo(real, seed, rate);
    }

    public DynamoDbClient client() {
        return (DynamoDbClient)
                Proxy.newProxyInstance(
                        DynamoDbClient.class.getClassLoader(),
                        new Class<?>[] {DynamoDbClient.class},
                        this);
    }

    public int crashes() {
        return crashes.get();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean write = WRITES.contains(method.getName());
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (write && roll < rate / 2) {
            crashes.incrementAndGet();
            throw new Crash("before " + method.getName());
        }
        Object result;
        try {
            result = method.invoke(real, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
        if (write && roll < rate) {
            crashes.incrementAndGet();
            throw new Crash("after " + method.getName());
        }
        return result;
    }
}
