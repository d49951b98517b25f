package org.opencrm.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The real engine's client, with every call it is asked to make written down by operation name. */
public final class CountingDynamo {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final DynamoDbClient client;

    public CountingDynamo(DynamoDbClient real) {
        this.client =
                (DynamoDbClient)
                        Proxy.newProxyInstance(
                                DynamoDbClient.class.getClassLoader(),
                                new Class<?>[] {DynamoDbClient.class},
                                (proxy, method, args) -> {
                                    calls.add(method.getName());
                                    try {
                                        return method.invoke(real, args);
                                    } catch (InvocationTargetException thrown) {
                                        throw thrown.getCause();
                                    }
                                });
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The calls made since the last time they were taken, in order. */
    public List<String> take() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
