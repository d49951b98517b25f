package org.opencrm.core.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real engine's client on which another writer always gets in first: before each call of one
 * operation, the interloper's own write runs on the real engine, up to a number of times. A race
 * lost on every attempt, deterministically, where racing threads would lose only sometimes.
 */
public final class Interloper implements InvocationHandler {

    private final DynamoDbClient real;
    private final String operation;
    private final Runnable write;
    private final int times;
    private final AtomicInteger interruptions = new AtomicInteger();

    private Interloper(DynamoDbClient real, String operation, Runnable write, int times) {
        this.real = real;
        this.operation = operation;
        this.write = write;
        this.times = times;
    }

    /**
     * A client that runs {@code write} (on a client of its own, not this one) before each of the
     * first {@code times} calls of {@code operation}, such as "transactWriteItems".
     */
    public static Interloper before(
            DynamoDbClient real, String operation, int times, Runnable write) {
        return new Interloper(real, operation, write, times);
    }

    public DynamoDbClient client() {
        return (DynamoDbClient)
                Proxy.newProxyInstance(
                        DynamoDbClient.class.getClassLoader(),
                        new Class<?>[] {DynamoDbClient.class},
                        this);
    }

    /** How often the interloper's write ran. */
    public int interruptions() {
        return interruptions.get();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals(operation) && interruptions.get() < times) {
            interruptions.incrementAndGet();
            write.run();
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}
