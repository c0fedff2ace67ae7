package com.ivpstudio.cases;

import com.ivpstudio.IvpStudioApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Prints the application start time and the server time of the first case-list page with 10,000 cases. A benchmark,
 * not a test: run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.ivpstudio.cases.CaseListBenchmark}
 */
public final class CaseListBenchmark {

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dataDir = Files.createTempDirectory("ivp-bench");
        long t0 = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplication(IvpStudioApplication.class).run(
                "--ivp.database.embedded-directory=" + dataDir.resolve("postgres"),
                "--ivp.demo.seed=never", "--server.port=0", "--IVP_ADMIN_PASSWORD=bench-only-password",
                "--logging.level.root=WARN");
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < cases; i++) {
                rows.add(new Object[] {String.format("B-%06d", i), "Bench patient " + i, 1950 + i % 70,
                        "{crowding,bench" + (i % 10) + "}"});
            }
            jdbc.batchUpdate("INSERT INTO patient_case (patient_code, display_name, birth_year, tags, created_by, updated_by)"
                    + " VALUES (?, ?, ?, CAST(? AS TEXT[]), 'bench', 'bench')", rows);
            jdbc.execute("ANALYZE patient_case");

            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("bench", null, "ROLE_CLINICIAN"));
            CaseService service = app.getBean(CaseService.class);
            CaseFilter all = new CaseFilter(null, null, null);
            List<CaseSort> byUpdated = List.of(CaseSort.recentlyUpdated());
            double first = timeMillis(() -> {
                service.count(all);
                service.find(all, byUpdated, 0, 50);
            });
            double[] warm = new double[20];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = timeMillis(() -> {
                    service.count(all);
                    service.find(all, byUpdated, 0, 50);
                });
            }
            java.util.Arrays.sort(warm);
            CaseFilter search = new CaseFilter("patient 99", "bench3", null);
            double filtered = timeMillis(() -> {
                service.count(search);
                service.find(search, List.of(new CaseSort(CaseSort.Column.PATIENT_CODE, true)), 0, 50);
            });
            double deepPage = timeMillis(() -> service.find(all, byUpdated, cases - 50, 50));

            System.out.printf("%nIVP Studio foundation benchmark (%d cores, Java %s)%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf("application start (embedded PostgreSQL initdb + Flyway + Vaadin): %.1f s%n", startSeconds);
            System.out.printf("cases in database: %,d%n", service.count(all));
            System.out.printf("first case-list page (count + 50 rows, sorted by last update), first call: %.1f ms%n", first);
            System.out.printf("same page, warm: median %.1f ms, max %.1f ms over %d calls%n", warm[warm.length / 2], warm[warm.length - 1], warm.length);
            System.out.printf("filtered by text + tag, sorted by code: %.1f ms%n", filtered);
            System.out.printf("last page (offset %,d): %.1f ms%n", cases - 50, deepPage);
        } finally {
            app.close();
        }
    }

    private static double timeMillis(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e6;
    }
}
