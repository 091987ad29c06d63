package com.queast.gateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes message objects by reference. Our bus never leaves the JVM, so nothing is serialised;
 * messages are immutable records.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {

  /** The codec name to put in {@code DeliveryOptions}. */
  public static final String NAME = "gateway-local";

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("gateway messages are local only");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("gateway messages are local only");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
