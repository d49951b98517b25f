package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.LocalUserTokens;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.schedules.Scheduler;
import org.opencrm.infra.streams.DeadLetterSink;
import org.opencrm.template.HttpApiRoute;

/**
 * The local cloud's HTTP front door on 127.0.0.1: the API routes, and at stage dev the local tools
 * (GraphiQL, the dashboard and {@code /_local/}). It answers 503 until {@link #ready()}.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Readiness readiness;

    private LocalHttpServer(HttpServer server, ExecutorService threads, Readiness readiness) {
        this.server = server;
        this.threads = threads;
        this.readiness = readiness;
    }

    /**
     * What the dev stage serves beside the API: GraphiQL, the dashboard, and the {@code /_local/}
     * controls over these.
     */
    public record LocalTools(Scheduler scheduler, DeadLetterSink deadLetters) {}

    /**
     * Serves the template's HTTP routes on loopback, answering 503 until {@link #ready()}.
     *
     * @param port 0 picks a free port
     * @param graphqlPath the route GraphiQL sends queries to
     * @param tools the local tools, or empty to serve the API alone as the deployed stack does
     */
    public static LocalHttpServer start(
            int port,
            List<HttpApiRoute> routes,
            String graphqlPath,
            FunctionRuntime runtime,
            LocalUserTokens tokens,
            AppClock clock,
            Optional<LocalTools> tools)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        Readiness readiness = new Readiness();
        // without the tools, a path no route matches is API Gateway's 404, as in AWS
        HttpHandler fallback =
                tools.isPresent()
                        ? new GraphiqlHandler(
                                graphqlPath,
                                DemoOrg.ADMIN.id(),
                                () -> tokens.tokens().mint(DemoOrg.ADMIN))
                        : NotFound.INSTANCE;
        List<HttpContext> contexts = new ArrayList<>();
        contexts.add(
                server.createContext(
                        "/",
                        new ApiGatewayHandler(routes, runtime, tokens.tokens(), clock, fallback)));
        tools.ifPresent(
                local -> {
                    contexts.add(
                            server.createContext(
                                    "/_local/",
                                    new LocalEndpoints(
                                            clock,
                                            local.scheduler(),
                                            local.deadLetters(),
                                            tokens)));
                    contexts.add(
                            server.createContext(
                                    DashboardHandler.PATH, new DashboardHandler(tokens, clock)));
                });
        contexts.forEach(context -> context.getFilters().add(readiness));
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads =
                Executors.newFixedThreadPool(
                        THREADS,
                        task -> {
                            Thread thread = new Thread(task, "http-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        server.setExecutor(threads);
        server.start();
        return new LocalHttpServer(server, threads, readiness);
    }

    /** From now on requests are served: every stream consumer, queue and schedule runs. */
    public void ready() {
        readiness.open();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
