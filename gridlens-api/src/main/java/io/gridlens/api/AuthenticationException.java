package io.gridlens.api;

/** A request's credentials are absent, malformed or not trusted: answered 401. */
public final class AuthenticationException extends RuntimeException {

  public AuthenticationException(String message) {
    super(message);
  }
}
