package dev.fanout.examples.spring;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id in SLF4J's MDC: the caller's {@code X-Request-Id}, or a new UUID. The
 * id is echoed in the response and removed from the MDC afterwards, because Tomcat reuses the
 * thread for other requests.
 */
@Component
class RequestIdFilter extends OncePerRequestFilter {
  /** The header that carries the id, in from callers and out to the backend. */
  static final String HEADER = "X-Request-Id";

  /** The MDC key: log patterns show it as {@code %X{requestId}}. */
  static final String MDC_KEY = "requestId";

  // A caller's id goes into log lines and headers, so only short, plain ones are taken as they are.
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = request.getHeader(HEADER);
    if (requestId == null || !ACCEPTED.matcher(requestId).matches()) {
      requestId = UUID.randomUUID().toString();
    }
    response.setHeader(HEADER, requestId);
    MDC.put(MDC_KEY, requestId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }
}
