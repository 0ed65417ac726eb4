package vn.tracegate.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * What every HTTP verticle shares: config, the one Cassandra session, the one Redis link, the
 * services built on them, the metrics registry, and the guards of personal data: the audit log
 * and the per-client rate limiter. Built once by {@link MainVerticle}.
 */
public record AppContext(
    GatewayConfig config,
    CqlSession session,
    RedisLink redis,
    PrometheusMeterRegistry metrics,
    Services services,
    AtomicInteger inFlight,
    AuditLog audit,
    RateLimiter rateLimiter) {}
