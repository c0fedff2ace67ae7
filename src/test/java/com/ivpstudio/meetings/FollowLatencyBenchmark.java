package com.ivpstudio.meetings;

import com.ivpstudio.Browser;
import com.ivpstudio.IvpStudioApplication;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prints how long a presenter's move takes to reach followers' screens: p50 / p95 over 100 moves with 1, 5 and 20
 * followers, each a signed-in Chromium page. A move is timed from the server call (the same one the presenter's
 * button makes) to the moment each follower's page has the new stage in its DOM (a MutationObserver reads the
 * clock; browser and JVM share the machine clock). The path is the real one: PostgreSQL NOTIFY, the listener
 * thread, Vaadin Push. A benchmark, not a test: run with
 * {@code ./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.ivpstudio.meetings.FollowLatencyBenchmark}
 * (optional arguments: follower counts, e.g. {@code -Dexec.args="1 5 20"}; add {@code within-case} to move
 * within one case instead: the presenter steps through the views of a saved snapshot, as in a case discussion, where
 * the default moves from case to case).
 */
public final class FollowLatencyBenchmark {

    static final int MOVES = 100;
    static final long PAUSE_MILLIS = 200;
    static final List<String> VIEWS = List.of(StageState.ALL_VIEWS, "upper", "left", "right", "lower");
    private static final String CLINICIAN_PASSWORD = "bench-clinician-password";

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        boolean withinCase = false;
        for (String a : args) {
            if (a.equals("within-case")) {
                withinCase = true;
            } else {
                counts.add(Integer.parseInt(a));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 5, 20);
        }
        Path dataDir = Files.createTempDirectory("ivp-follow-bench");
        ConfigurableApplicationContext app = new SpringApplication(IvpStudioApplication.class).run(
                "--ivp.database.embedded-directory=" + dataDir.resolve("postgres"), "--server.port=0",
                "--IVP_ADMIN_PASSWORD=bench-only-password", "--IVP_CLINICIAN_PASSWORD=" + CLINICIAN_PASSWORD,
                "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        try (Browser browser = new Browser(port)) {
            MeetingFixtures fixtures = new MeetingFixtures(app);
            System.out.println((withinCase ? "Moves within one case (views of a snapshot)" : "Moves from case to case")
                    + "\nfollowers  moves  p50 ms  p95 ms  max ms  coalesced  |  caught-up p50  p95");
            for (int followers : counts) {
                measure(app, browser, fixtures, followers, withinCase);
            }
        } finally {
            app.close();
        }
    }

    private static void measure(ConfigurableApplicationContext app, Browser browser, MeetingFixtures fixtures,
            int followers, boolean withinCase) {
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < followers; i++) {
            users.add(fixtures.newClinician("bench"));
        }
        Map<String, List<Long>> agenda = new LinkedHashMap<>();
        Long views = withinCase ? fixtures.viewsSnapshot("DEMO-01", "Views " + followers).id() : null;
        agenda.put("DEMO-01", views == null ? List.of() : List.of(views));
        agenda.put("DEMO-02", List.of());
        agenda.put("DEMO-03", List.of());
        Meeting meeting = fixtures.meeting("clinician", "Latency " + followers,
                users.stream().map(u -> u[0]).toList(), agenda);
        MeetingFixtures.as("clinician", false, () -> app.getBean(MeetingService.class).start(meeting.id()));

        List<Page> pages = new ArrayList<>();
        for (String[] user : users) {
            Page page = browser.newPage();
            browser.signIn(page, user[0], user[1]);
            browser.open(page, "/meetings/" + meeting.id());
            page.waitForSelector("#follow-bar[data-following=true]");
            page.evaluate("() => { window.__seen = {}; new MutationObserver(ms => { for (const m of ms) {"
                    + " if (m.attributeName === 'data-version') window.__seen[m.target.dataset.version] = Date.now(); } })"
                    + ".observe(document.querySelector('#meeting-stage'), {attributes: true}); }");
            pages.add(page);
        }

        MeetingStageService stage = app.getBean(MeetingStageService.class);
        Map<Long, Long> sentAt = new HashMap<>();
        StageState state = MeetingFixtures.as("clinician", false, () -> stage.stage(meeting.id()));
        if (withinCase) {
            StageState first = state.showing(views);
            state = MeetingFixtures.as("clinician", false, () -> stage.present(first));
            sleep(2_000);
        }
        for (int move = 0; move < MOVES; move++) {
            StageState next = withinCase ? state.inView(VIEWS.get((move + 1) % VIEWS.size()))
                    : state.at((state.position() + 1) % agenda.size());
            long t0 = System.currentTimeMillis();
            state = MeetingFixtures.as("clinician", false, () -> stage.present(next));
            sentAt.put(state.version(), t0);
            sleep(PAUSE_MILLIS);
        }
        sleep(3_000);

        List<Long> latencies = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        int missed = 0;
        for (Page page : pages) {
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) page.evaluate("() => window.__seen");
            for (Map.Entry<Long, Long> sent : sentAt.entrySet()) {
                Object at = seen.get(Long.toString(sent.getKey()));
                if (at == null) {
                    missed++;
                } else {
                    latencies.add(((Number) at).longValue() - sent.getValue());
                }
                // A follower shows the newest state: a move overtaken by the next one before the screen updated is
                // never drawn on its own (coalesced); it counts as reached when any state at least as new appeared.
                seen.entrySet().stream().filter(e -> Long.parseLong(e.getKey()) >= sent.getKey())
                        .mapToLong(e -> ((Number) e.getValue()).longValue()).min()
                        .ifPresent(first -> caughtUp.add(first - sent.getValue()));
            }
            page.context().close();
        }
        latencies.sort(Long::compare);
        caughtUp.sort(Long::compare);
        System.out.println(String.format(Locale.ROOT, "%9d  %5d  %6d  %6d  %6d  %9d  |  %13d  %4d", followers, MOVES,
                percentile(latencies, 0.50), percentile(latencies, 0.95),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), missed,
                percentile(caughtUp, 0.50), percentile(caughtUp, 0.95)));
        MeetingFixtures.as("clinician", false, () -> app.getBean(MeetingService.class).end(meeting.id()));
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
