package dev.threadwork.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.threadwork.bridge.ControlReply;
import dev.threadwork.bridge.HomeData;
import dev.threadwork.bridge.HomeSnapshots;
import dev.threadwork.bridge.SessionControl;
import dev.threadwork.render.HomeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The App Home tab: published ({@code views.publish}) when someone opens it, and again when one
 * of the sessions it lists changes, for the people who opened it. Changes are found in the
 * database (so every instance sees every session's changes) and refreshes are coalesced: at most
 * one per person every {@link #PER_PERSON}, at most {@link #PER_MINUTE} a minute for the workspace
 * (views.publish is Tier 4, 100+ a minute), and none when the view would not change.
 */
public final class AppHome implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AppHome.class.getName());
    static final Duration TICK = Duration.ofSeconds(3);
    static final Duration PER_PERSON = Duration.ofSeconds(10);
    static final int PER_MINUTE = 60;
    /** Rows committed a little after the moment they carry are still seen on the next pass. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);
    /** People who have not opened the Home tab for this long are no longer refreshed (until they open it again). */
    private static final Duration VIEWER_TTL = Duration.ofDays(30);

    private record Published(String fingerprint, Instant at) {
    }

    private final MethodsClient methods;
    private final HomeSnapshots snapshots;
    private final HomeData data;
    private final SessionControl control;
    private final HomeView view;
    private final ExecutorService work;
    private final Clock clock;
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("app-home").factory());
    private final Map<HomeData.Person, Published> published = new ConcurrentHashMap<>();
    private final Map<HomeData.Person, String> notices = new ConcurrentHashMap<>();
    private final Set<HomeData.Person> dirty = ConcurrentHashMap.newKeySet();
    private final Deque<Instant> recentPublishes = new ArrayDeque<>();
    private final Map<HomeData.Person, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile Instant seenUntil = Instant.EPOCH;
    private volatile Instant pausedUntil = Instant.EPOCH;

    public AppHome(MethodsClient methods, HomeSnapshots snapshots, HomeData data, SessionControl control, Permalinks links,
                   ExecutorService work, Clock clock) {
        this.methods = methods;
        this.snapshots = snapshots;
        this.data = data;
        this.control = control;
        this.view = new HomeView(links::of);
        this.work = work;
        this.clock = clock;
    }

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (request, ctx) -> {
            AppHomeOpenedEvent event = request.getEvent();
            if ("home".equals(event.getTab()) && event.getUser() != null && ctx.getTeamId() != null) {
                HomeData.Person person = new HomeData.Person(ctx.getTeamId(), event.getUser());
                data.opened(person, clock.instant());
                work.execute(() -> publish(person, false));
            }
            return ctx.ack();
        });
        app.blockAction(HomeView.STOP, (request, ctx) -> control(request.getPayload(), ctx, true));
        app.blockAction(HomeView.END, (request, ctx) -> control(request.getPayload(), ctx, false));
        app.blockAction(HomeView.REFRESH, (request, ctx) -> {
            person(request.getPayload()).ifPresent(person -> work.execute(() -> publish(person, true)));
            return ctx.ack();
        });
        app.blockAction(HomeView.OPEN, (request, ctx) -> ctx.ack()); // a link button: Slack opens the URL itself
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private com.slack.api.bolt.response.Response control(BlockActionPayload payload, ActionContext ctx, boolean stop) {
        Optional<HomeData.Person> person = person(payload);
        String sessionId = payload.getActions() == null || payload.getActions().isEmpty() ? null
                : payload.getActions().getFirst().getValue();
        if (person.isPresent() && sessionId != null && !sessionId.isBlank()) {
            work.execute(() -> {
                ControlReply reply = stop ? control.stop(person.get().teamId(), person.get().userId(), sessionId)
                        : control.end(person.get().teamId(), person.get().userId(), sessionId);
                notices.put(person.get(), (reply.done() ? ":white_check_mark: " : ":warning: ") + reply.text());
                publish(person.get(), true);
            });
        }
        return ctx.ack();
    }

    private static Optional<HomeData.Person> person(BlockActionPayload payload) {
        if (payload.getUser() == null || payload.getUser().getId() == null) {
            return Optional.empty();
        }
        String team = payload.getTeam() != null && payload.getTeam().getId() != null ? payload.getTeam().getId()
                : payload.getUser().getTeamId();
        return team == null ? Optional.empty() : Optional.of(new HomeData.Person(team, payload.getUser().getId()));
    }

    /** One pass: book spend, find whose Home shows a changed session, publish what is due. */
    void tick() {
        try {
            Instant now = clock.instant();
            Instant since = seenUntil.minus(OVERLAP);
            data.bookSpend(since, LocalDate.ofInstant(now, ZoneOffset.UTC));
            Set<HomeData.Person> changed = data.changedSince(since);
            seenUntil = now;
            if (!changed.isEmpty()) {
                Set<String> teams = new HashSet<>();
                changed.forEach(p -> teams.add(p.teamId()));
                for (HomeData.Person viewer : data.viewers(now.minus(VIEWER_TTL))) {
                    if (changed.contains(viewer) || (teams.contains(viewer.teamId()) && snapshots.seesWorkspace(viewer))) {
                        dirty.add(viewer);
                    }
                }
            }
            publishDue(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Home tab refresh failed: " + e.getMessage());
        }
    }

    private void publishDue(Instant now) {
        if (now.isBefore(pausedUntil)) {
            return;
        }
        for (HomeData.Person person : new LinkedHashSet<>(dirty)) {
            Published last = published.get(person);
            if (last != null && Duration.between(last.at(), now).compareTo(PER_PERSON) < 0) {
                continue; // coalesced into a later pass
            }
            if (!withinWorkspaceBudget(now)) {
                return;
            }
            dirty.remove(person);
            publish(person, false);
        }
    }

    private boolean withinWorkspaceBudget(Instant now) {
        synchronized (recentPublishes) {
            while (!recentPublishes.isEmpty() && recentPublishes.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
                recentPublishes.removeFirst();
            }
            return recentPublishes.size() < PER_MINUTE;
        }
    }

    /** Publishes the person's Home unless it would show exactly what it shows (a forced publish also carries a notice). */
    void publish(HomeData.Person person, boolean force) {
        java.util.concurrent.locks.ReentrantLock lock = locks.computeIfAbsent(person, p -> new java.util.concurrent.locks.ReentrantLock());
        lock.lock(); // a lock, not a monitor: the holder waits for Slack on a virtual thread
        try {
            try {
                Optional<String> notice = Optional.ofNullable(notices.remove(person));
                View home = view.build(snapshots.of(person), notice);
                String fingerprint = GsonFactory.createSnakeCase().toJson(home);
                Published last = published.get(person);
                if (!force && notice.isEmpty() && last != null && last.fingerprint().equals(fingerprint)) {
                    return;
                }
                Instant now = clock.instant();
                synchronized (recentPublishes) {
                    recentPublishes.addLast(now);
                }
                ViewsPublishResponse response = methods.viewsPublish(r -> r.userId(person.userId()).view(home));
                if (response.isOk()) {
                    published.put(person, new Published(fingerprint, now));
                } else {
                    LOG.info(() -> "views.publish answered " + response.getError() + " for " + person.userId()
                            + (response.getResponseMetadata() == null ? "" : " " + response.getResponseMetadata().getMessages()));
                }
            } catch (SlackApiException e) {
                if (e.getResponse() != null && e.getResponse().code() == 429) {
                    long seconds = Optional.ofNullable(e.getResponse().header("Retry-After")).map(Long::parseLong).orElse(30L);
                    pausedUntil = clock.instant().plusSeconds(seconds);
                }
                dirty.add(person);
                LOG.info(() -> "views.publish failed for " + person.userId() + ": HTTP " + (e.getResponse() == null ? "?"
                        : e.getResponse().code()));
            } catch (Exception e) {
                dirty.add(person);
                LOG.log(Level.INFO, "Could not publish the Home tab of " + person.userId() + ": " + e.getClass().getSimpleName()
                        + " " + e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
