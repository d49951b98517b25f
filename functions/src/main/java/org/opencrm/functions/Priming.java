package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * SnapStart priming, one way for every function. SnapStart (template.yaml, Globals) snapshots a
 * container after its init phase; just before (CRaC's {@code beforeCheckpoint}) each registered
 * handler runs its own code path once, without side effects: no write, no log line, no metric. A
 * restored container then meets its first event with the classes loaded and initialised and the
 * path warm instead of paying for them. Outside SnapStart nobody calls it (org.crac is a no-op on
 * other JVMs).
 *
 * <p>What each handler runs is its own; the kinds are here: an empty event (a stream batch, queue
 * messages or S3 records, none of them: the telemetry, the batch loop and the response), a request
 * refused before it could change anything (the API and webhook routes), and for schedules, whose
 * runs write, the telemetry around a run that does nothing. {@link Services} registers the part
 * every function shares: one DynamoDB read through the container's clients.
 */
public final class Priming {

    /** The request id, subject and ids priming uses: no user, record or channel has it. */
    public static final String SUBJECT = "snapstart-priming";

    /**
     * Each primed object's resource. CRaC's context holds resources weakly, so something must hold
     * them: here, as long as the object they prime lives (the handler: the container's life). A
     * resource refers to its object weakly, so a test JVM's many handlers are not kept.
     */
    private static final Map<Object, Resource> RESOURCES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private Priming() {}

    /**
     * Registers {@code prime} of this object with the CRaC context. {@code prime} is given the
     * object and must capture nothing that refers to it (a method reference or a lambda over its
     * parameter), or the object would never be collected.
     */
    public static <T> void register(T primed, Consumer<? super T> prime) {
        WeakReference<T> reference = new WeakReference<>(primed);
        Resource resource =
                new Resource() {
                    @Override
                    public void beforeCheckpoint(Context<? extends Resource> context) {
                        T alive = reference.get();
                        if (alive != null) {
                            Telemetry.prime();
                            prime.accept(alive);
                        }
                    }

                    @Override
                    public void afterRestore(Context<? extends Resource> context) {
                        // nothing to refresh: clients resolve credentials per request
                    }
                };
        RESOURCES.put(primed, resource);
        Core.getGlobalContext().register(resource);
    }

    /** Primes with an event that carries nothing: the handler's whole path but the records. */
    public static <I> void withEmptyEvent(RequestHandler<I, ?> handler, Supplier<I> emptyEvent) {
        register(
                handler,
                alive -> Telemetry.unwritten(() -> alive.handleRequest(emptyEvent.get(), null)));
    }

    /** Primes a schedule's telemetry: its runs write, so the run itself is left out. */
    public static void scheduled(Object handler, String schedule) {
        register(
                handler,
                alive ->
                        Telemetry.unwritten(
                                () ->
                                        Telemetry.observe(
                                                WorkUnit.scheduleRun(schedule),
                                                null,
                                                Map::<String, Integer>of,
                                                WorkOutcome::ofCounts)));
    }

    /**
     * A request as API Gateway would hand it on, without a token and with an empty body: an API
     * route refuses it before reading or writing anything.
     *
     * @param pathParameters the route's path parameters, e.g. an empty channel
     */
    public static APIGatewayV2HTTPEvent anonymousRequest(
            String routeKey, Map<String, String> pathParameters) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withPathParameters(pathParameters)
                .withHeaders(Map.of())
                .withBody("")
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId(SUBJECT)
                                .withHttp(
                                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                .withMethod("POST")
                                                .withSourceIp("127.0.0.1")
                                                .build())
                                .build())
                .build();
    }

    /** The priming registered for this object, as the checkpoint would run it (tests). */
    public static Optional<Resource> registeredFor(Object primed) {
        return Optional.ofNullable(RESOURCES.get(primed));
    }
}
