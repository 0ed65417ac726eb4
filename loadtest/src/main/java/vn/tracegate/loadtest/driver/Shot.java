package vn.tracegate.loadtest.driver;

import io.vertx.core.buffer.Buffer;

/**
 * One request a driver sends: a JSON POST to {@code uri} with an Authorization header.
 *
 * @param ref what the {@link Shots} needs to remember the request by, once acknowledged
 */
public record Shot(String uri, String authorization, Buffer body, Object ref) {}
