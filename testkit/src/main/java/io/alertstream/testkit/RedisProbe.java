package io.alertstream.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks a Redis server for PONG over a plain socket (RESP), authenticating first when a password is set.
 *
 * <p>Input: port and optional password. Output: true when the server answered {@code +PONG}. Any
 * connection or protocol error means "not ready" (false); the password is never part of a message.
 */
final class RedisProbe {

    private static final int TIMEOUT_MILLIS = 1000;

    private RedisProbe() {
    }

    static boolean pong(int port, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (password != null) {
                out.write(command("AUTH", password));
                out.flush();
                if (!"+OK".equals(in.readLine())) {
                    return false;
                }
            }
            out.write(command("PING"));
            out.flush();
            return "+PONG".equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] command(String... args) {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            resp.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }
}
