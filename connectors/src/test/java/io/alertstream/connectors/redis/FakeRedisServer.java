package io.alertstream.connectors.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal RESP2 server for unit tests: answers the connection handshake (PING, CLIENT, SELECT, AUTH,
 * SCRIPT LOAD) like Redis and every EVALSHA with the error reply the test sets, so the real
 * {@link JedisCounterWriter} can be driven into replies a real server gives only in hard-to-reach states
 * (MISCONF, CLUSTERDOWN, MASTERDOWN, NOREPLICAS, TRYAGAIN, LOADING).
 */
final class FakeRedisServer implements AutoCloseable {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    volatile String evalReply = ":1";
    volatile int evalCalls;

    FakeRedisServer() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "fake-redis");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                Thread serve = new Thread(() -> serve(socket), "fake-redis-client");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                List<String> command = readCommand(in);
                if (command == null) {
                    return;
                }
                out.write((answer(command) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private String answer(List<String> command) {
        String name = command.get(0).toUpperCase(Locale.ROOT);
        return switch (name) {
            case "PING" -> "+PONG";
            case "SCRIPT" -> "$" + SHA.length() + "\r\n" + SHA;
            case "EVALSHA", "EVAL" -> {
                evalCalls++;
                yield evalReply;
            }
            case "HELLO" -> "-ERR unknown command 'HELLO'";
            default -> "+OK";
        };
    }

    private static List<String> readCommand(InputStream in) throws IOException {
        String header = readLine(in);
        if (header == null) {
            return null;
        }
        int count = Integer.parseInt(header.substring(1));
        List<String> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = Integer.parseInt(readLine(in).substring(1));
            byte[] bytes = in.readNBytes(length + 2);
            parts.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
        }
        return parts;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : clients) {
            socket.close();
        }
    }
}
