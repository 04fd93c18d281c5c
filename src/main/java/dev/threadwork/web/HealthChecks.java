package dev.threadwork.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: live while the process runs, ready once it can do its job. */
@ApplicationScoped
public class HealthChecks {

    @Inject
    ThreadworkLifecycle lifecycle;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("threadwork");
    }

    /**
     * Public, so it says only up or down: what is wrong names ids and carries error text, which is
     * for operators — {@code GET /admin/health} with the admin token ({@link AdminHealthServlet}).
     */
    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("threadwork")
                .status(lifecycle.started() && lifecycle.running().readiness().ready())
                .build();
    }
}
