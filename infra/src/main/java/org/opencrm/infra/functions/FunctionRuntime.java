package org.opencrm.infra.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencrm.template.FunctionSpec;

/**
 * Runs the template's handlers in this JVM the way Lambda runs them: the handler class is
 * instantiated once through its public no-arg constructor on first use (a warm container that stays
 * warm), then every invocation calls the {@code Handler} method with the event and a {@link
 * Context}, and is abandoned as failed after the function's {@code Timeout}.
 *
 * <p>Unlike Lambda, one instance may serve concurrent invocations; handlers are expected to keep
 * per-request state on the stack.
 */
public final class FunctionRuntime implements AutoCloseable {

    private final Map<String, FunctionSpec> functions = new LinkedHashMap<>();
    private final Map<String, Object> warmInstances = new ConcurrentHashMap<>();
    private final ExecutorService invocations;
    private final Clock clock = Clock.systemUTC();

    public FunctionRuntime(List<FunctionSpec> functions) {
        functions.forEach(function -> this.functions.put(function.logicalId(), function));
        AtomicInteger threads = new AtomicInteger();
        this.invocations =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread =
                                    new Thread(task, "function-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    public FunctionSpec function(String logicalId) {
        FunctionSpec function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template");
        }
        return function;
    }

    /** Whether the handler class can be loaded; the local cloud warns at start when it cannot. */
    public boolean handlerClassPresent(String logicalId) {
        try {
            Class.forName(
                    function(logicalId).handlerClass(),
                    false,
                    Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException missing) {
            return false;
        }
    }

    /**
     * The function's handler, instantiated now if it was not yet: Lambda's init phase, after which
     * SnapStart takes its snapshot.
     */
    public Object initialise(String logicalId) {
        FunctionSpec function = function(logicalId);
        return warmInstances.computeIfAbsent(logicalId, id -> instantiate(function));
    }

    /** Invokes the function synchronously and returns what its handler returned. */
    public Object invoke(String logicalId, Object event) throws InvocationFailedException {
        FunctionSpec function = function(logicalId);
        String requestId = UUID.randomUUID().toString();
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        Context context =
                new LocalContext(
                        requestId,
                        logicalId,
                        function.memorySizeMb(),
                        clock.instant().plus(timeout),
                        clock);
        Future<Object> result = invocations.submit(() -> call(function, event, context));
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            result.cancel(true);
            throw new InvocationFailedException(
                    logicalId + ": task timed out after " + timeout.toSeconds() + " seconds", slow);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw new InvocationFailedException(logicalId + ": " + cause, cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InvocationFailedException(logicalId + ": interrupted", interrupted);
        }
    }

    private Object call(FunctionSpec function, Object event, Context context) throws Exception {
        Object handler =
                warmInstances.computeIfAbsent(function.logicalId(), id -> instantiate(function));
        Method method = handlerMethod(handler.getClass(), function, event);
        Object[] arguments =
                method.getParameterCount() == 2
                        ? new Object[] {event, context}
                        : new Object[] {event};
        try {
            return method.invoke(handler, arguments);
        } catch (InvocationTargetException thrown) {
            // report what the handler threw, not the reflection wrapper around it
            if (thrown.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) thrown.getCause();
        }
    }

    private Object instantiate(FunctionSpec function) {
        try {
            return loadClass(function.handlerClass()).getConstructor().newInstance();
        } catch (InvocationTargetException initFailed) {
            throw new IllegalStateException(
                    function.logicalId() + ": handler constructor failed", initFailed.getCause());
        } catch (ReflectiveOperationException notRunnable) {
            throw new IllegalStateException(
                    function.logicalId()
                            + ": cannot instantiate "
                            + function.handlerClass()
                            + " through a public no-arg constructor (is crm-functions installed?)",
                    notRunnable);
        }
    }

    private static Method handlerMethod(Class<?> type, FunctionSpec function, Object event) {
        return Arrays.stream(type.getMethods())
                .filter(
                        method ->
                                method.getName().equals(function.handlerMethod())
                                        && !method.isBridge())
                .filter(method -> acceptsEvent(method, event))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        function.logicalId()
                                                + ": "
                                                + type.getName()
                                                + " has no public "
                                                + function.handlerMethod()
                                                + "("
                                                + event.getClass().getSimpleName()
                                                + "[, Context]) method"));
    }

    private static boolean acceptsEvent(Method method, Object event) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean shapeFits =
                parameters.length == 1
                        || (parameters.length == 2 && parameters[1] == Context.class);
        return shapeFits && parameters[0].isInstance(event);
    }

    private static Class<?> loadClass(String name) throws ClassNotFoundException {
        return Class.forName(name, true, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public void close() {
        invocations.shutdownNow();
    }
}
