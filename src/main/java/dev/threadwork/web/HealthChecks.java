package dev.threadwork.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
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

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("threadwork");
            if (!lifecycle.started()) {
                return response.down().withData("reason", "starting").build();
            }
            Threadwork.Readiness readiness = lifecycle.running().readiness();
            response.status(readiness.ready());
            for (int i = 0; i < readiness.problems().size(); i++) {
                response.withData("problem" + (i + 1), readiness.problems().get(i));
            }
            return response.build();
        };
    }
}
