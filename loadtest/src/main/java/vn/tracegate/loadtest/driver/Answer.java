package vn.tracegate.loadtest.driver;

import io.vertx.core.buffer.Buffer;

/** A server's answer as the drivers keep it: status and body. */
record Answer(int status, Buffer body) {

  boolean ok() {
    return status / 100 == 2;
  }
}
