package com.ivpstudio.phantom;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prints rendering throughput (images/s) at 128x128 and 512x512 (anamorphic 5:3 frame), single-threaded and with
 * N threads (default 2); each patient's scene is built once and rendered in the five views (PNG encoding excluded).
 * Also prints images per CPU-second of one thread, which does not depend on other load on the machine.
 * Usage: {@code PhantomBenchmark [seconds per measurement, default 6] [threads, default 2]}.
 */
public final class PhantomBenchmark {
    private PhantomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double secs = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf(Locale.ROOT, "phantom benchmark, %d available processors%n",
            Runtime.getRuntime().availableProcessors());
        run(128, 1, 3);
        run(512, 1, 3);
        for (int size : new int[] {128, 512}) {
            double[] r1 = run(size, 1, secs);
            double[] rn = run(size, threads, secs);
            System.out.printf(Locale.ROOT,
                "%dx%d: %.1f img/s single-threaded, %.1f img/s with %d threads (%.1f img per CPU-second per thread)%n",
                size, size, r1[0], rn[0], threads, r1[1]);
        }
    }

    /** {images per wall second, images per CPU second of one thread}. */
    static double[] run(int size, int threads, double secs) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long end = t0 + (long) (secs * 1e9);
        List<Future<long[]>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int tt = t;
            fs.add(ex.submit(() -> {
                long c0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                long seed = 1000 + tt * 100000L;
                while (System.nanoTime() < end) {
                    PhantomPatient p = PhantomPatient.generate(seed++);
                    PhantomScene sc = PhantomScene.build(p, PhantomRenderer.detailFor(size, size));
                    for (View v : View.values()) {
                        PhantomRenderer.render(sc, v, seed * 7 + v.ordinal(), size, size, 5 / 3.0);
                        n++;
                    }
                }
                return new long[] {n, mx.getCurrentThreadCpuTime() - c0};
            }));
        }
        long total = 0, cpu = 0;
        for (Future<long[]> f : fs) {
            long[] r = f.get();
            total += r[0];
            cpu += r[1];
        }
        ex.shutdown();
        return new double[] {total / ((System.nanoTime() - t0) / 1e9), total / Math.max(1e-9, cpu / 1e9)};
    }
}
