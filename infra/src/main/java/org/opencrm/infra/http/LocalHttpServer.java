package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
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
 * The local cloud's HTTP front door on 127.0.0.1: the API routes, GraphiQL, the dashboard and
 * {@code /_local/}.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService threads;

    private LocalHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves the template's HTTP routes on loopback.
     *
     * @param port 0 picks a free port
     * @param graphqlPath the route GraphiQL sends queries to
     */
    public static LocalHttpServer start(
            int port,
            List<HttpApiRoute> routes,
            String graphqlPath,
            FunctionRuntime runtime,
            LocalUserTokens tokens,
            AppClock clock,
            Scheduler scheduler,
            DeadLetterSink deadLetters)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        GraphiqlHandler graphiql =
                new GraphiqlHandler(
                        graphqlPath, DemoOrg.ADMIN.id(), () -> tokens.tokens().mint(DemoOrg.ADMIN));
        server.createContext(
                "/", new ApiGatewayHandler(routes, runtime, tokens.tokens(), clock, graphiql));
        server.createContext("/_local/", new LocalEndpoints(clock, scheduler, deadLetters, tokens));
        server.createContext(DashboardHandler.PATH, new DashboardHandler(tokens, clock));
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
        return new LocalHttpServer(server, threads);
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
