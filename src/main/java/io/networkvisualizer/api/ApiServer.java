package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the API routes of every feature, the web UI's static files, and the one place where exceptions
 * become HTTP answers ({@link IllegalArgumentException} is the caller's mistake: 400 with its message; anything else
 * is ours: 500 with a generic body, logged).
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  public ApiServer(List<Routes> features) {
    this.app = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      Set<String> uncompressed = new HashSet<>();
      features.forEach(feature -> uncompressed.addAll(feature.uncompressedWebSockets()));
      if (!uncompressed.isEmpty()) {
        config.jetty.modifyServer(server -> server.setHandler(new UncompressedWebSockets(uncompressed)));
      }
      if (ApiServer.class.getResource("/public") != null) { // absent in Java-only builds (-DskipWeb)
        config.staticFiles.add(static_ -> {
          static_.hostedPath = "/";
          static_.directory = "/public";
          static_.location = Location.CLASSPATH;
        });
      }
      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
      config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
      config.routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, "malformed JSON: " + e.getOriginalMessage()));
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.warn("request {} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error; the server log has the details");
      });
      config.routes.error(404, ctx -> {
        if (ctx.path().startsWith("/api/")) {
          error(ctx, 404, "no such endpoint: " + ctx.path());
        }
      });
      for (Routes feature : features) {
        feature.register(config.routes);
      }
    });
  }

  static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message == null ? "error" : message, "status", status));
  }

  /** Starts listening; port 0 picks a free port, which {@link #port()} then tells. */
  public ApiServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
