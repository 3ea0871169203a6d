package io.networkvisualizer.api;

/** A request that cannot be served, with the HTTP status to answer and a message saying why. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
