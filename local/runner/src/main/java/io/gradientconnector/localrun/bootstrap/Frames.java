package io.gradientconnector.localrun.bootstrap;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The wire protocol between the runner and a function's JVM, over that JVM's stdin and stdout (its stderr carries
 * the function's logs). Runner → function: {@code requestId (UTF), deadline (epoch millis, long), length (int),
 * event bytes}. Function → runner: {@code kind (byte), length (int), bytes}: one {@link #READY} or
 * {@link #INIT_ERROR} after start, then one {@link #RESULT} or {@link #ERROR} per request. Error payloads are
 * Lambda's {@code {"errorMessage","errorType","stackTrace"}} JSON. JDK only: this class runs in both JVMs.
 */
public final class Frames {

    public static final byte READY = 1;
    public static final byte INIT_ERROR = 2;
    public static final byte RESULT = 3;
    public static final byte ERROR = 4;

    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private Frames() {
    }

    /** A frame from the function's JVM. */
    public record Frame(byte kind, byte[] payload) {
    }

    /** A request to the function's JVM. */
    public record Request(String requestId, long deadlineMillis, byte[] event) {
    }

    public static void writeFrame(DataOutputStream out, byte kind, byte[] payload) throws IOException {
        out.writeByte(kind);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    public static Frame readFrame(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return new Frame(kind, readPayload(in));
    }

    public static void writeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeUTF(request.requestId());
        out.writeLong(request.deadlineMillis());
        out.writeInt(request.event().length);
        out.write(request.event());
        out.flush();
    }

    public static Request readRequest(DataInputStream in) throws IOException {
        String requestId = in.readUTF();
        long deadline = in.readLong();
        return new Request(requestId, deadline, readPayload(in));
    }

    private static byte[] readPayload(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("bad frame length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    /** Lambda's error document for {@code error}, as JSON (written by hand: this class has no JSON library). */
    public static byte[] errorJson(String type, String message, StackTraceElement[] trace) {
        StringBuilder json = new StringBuilder("{\"errorMessage\":").append(quote(message))
                .append(",\"errorType\":").append(quote(type)).append(",\"stackTrace\":[");
        for (int i = 0; i < trace.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(trace[i].toString()));
        }
        return json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
