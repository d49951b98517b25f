package org.opencrm.infra.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Local 2.6.1 running in this JVM in server mode, so the handlers reach it over real HTTP
 * exactly as they reach DynamoDB in AWS. It leaves non-daemon threads behind: whoever starts it
 * must {@link #close()} it, or the JVM never exits.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts DynamoDB Local in server mode on a free loopback port.
     *
     * @param dataDir where the tables are kept across restarts; empty for an in-memory engine
     */
    public static DynamoDbLocalServer start(Optional<Path> dataDir) throws Exception {
        int port = freeLoopbackPort();
        List<String> args = new ArrayList<>();
        if (dataDir.isPresent()) {
            Files.createDirectories(dataDir.get());
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        // -sharedDb: one database whatever access key and region a client uses, so a handler
        // that signs with other dummy credentials still sees the tables created here.
        args.addAll(List.of("-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"));
        DynamoDBProxyServer server =
                ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new DynamoDbLocalServer(server, port);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
