package com.ivpstudio.phantom;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rendering throughput (images/s) at 128x128 and 512x512 (anamorphic 5:3 frame), single-threaded and with
 * N threads (default 2), each patient's scene built once and rendered in the five views.
 * Usage: {@code PhantomBenchmark [seconds per measurement, default 6] [threads, default 2]}.
 */
public final class PhantomBenchmark {
    private PhantomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double secs = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int size : new int[] {128, 512}) {
            run(size, 1, secs / 3, false);
            double r1 = run(size, 1, secs, true);
            double rn = run(size, threads, secs, true);
            System.out.printf(Locale.ROOT, "%dx%d: %.1f img/s single-threaded, %.1f img/s with %d threads%n", size, size,
                r1, rn, threads);
        }
    }

    static double run(int size, int threads, double secs, boolean report) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        long end = t0 + (long) (secs * 1e9);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int tt = t;
            fs.add(ex.submit(() -> {
                int n = 0;
                long seed = 1000 + tt * 100000L;
                while (System.nanoTime() < end) {
                    PhantomPatient p = PhantomPatient.generate(seed++);
                    PhantomScene sc = PhantomScene.build(p, PhantomRenderer.detailFor(size, size));
                    for (View v : View.values()) {
                        PhantomRenderer.render(sc, v, seed * 7 + v.ordinal(), size, size, 5 / 3.0);
                        n++;
                    }
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : fs) {
            total += f.get();
        }
        ex.shutdown();
        return total / ((System.nanoTime() - t0) / 1e9);
    }
}
