package io.gridlens.api;

/**
 * <b>DEVELOPMENT ONLY.</b> An authenticator that TRUSTS the caller's own headers: {@value #TENANT},
 * {@value #SUBJECT} and {@value #ROLE}, and makes a request without any of them a {@link
 * Principal#LOCAL_ADMIN local administrator of every tenant}.
 *
 * <p>Anyone who can reach the port can claim any tenant and role. It exists so the embedded mode
 * runs with nothing to configure on a developer's machine (the API binds to the loopback address by
 * default); a deployment reachable by anyone else must use an authenticator of signed tokens.
 * {@link ApiServer} logs a warning at start while this one is in use.
 */
public final class HeaderAuthenticator implements Authenticator {

  /** The tenant header. */
  public static final String TENANT = "X-Gridlens-Tenant";

  /** The subject header. */
  public static final String SUBJECT = "X-Gridlens-Subject";

  /** The role header: consumer, retailer or admin. */
  public static final String ROLE = "X-Gridlens-Role";

  @Override
  public Principal authenticate(RequestHeaders headers) {
    String tenant = headers.first(TENANT);
    String subject = headers.first(SUBJECT);
    String role = headers.first(ROLE);
    if (tenant == null && subject == null && role == null) {
      return Principal.LOCAL_ADMIN;
    }
    if (tenant == null || tenant.isBlank()) {
      throw new AuthenticationException(
          "header " + TENANT + " is required when " + SUBJECT + " or " + ROLE + " is sent");
    }
    if (role == null || role.isBlank()) {
      throw new AuthenticationException(
          "header "
              + ROLE
              + " is required (consumer, retailer or admin) when "
              + TENANT
              + " is sent");
    }
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("header " + ROLE + ": " + e.getMessage());
    }
    if (r == Role.CONSUMER && (subject == null || subject.isBlank())) {
      throw new AuthenticationException(
          "header "
              + SUBJECT
              + " is required for a consumer: the customer id whose meters it reads");
    }
    try {
      return new Principal(tenant.strip(), subject == null ? r.name() : subject.strip(), r);
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException(e.getMessage());
    }
  }
}
