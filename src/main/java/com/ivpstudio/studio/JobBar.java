package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one studio job at a time in the background and shows it: a progress bar, what is happening ("busy,
 * retrying"), a Cancel button and, at the end, an error in plain words. Results arrive through Push.
 */
class JobBar extends Div {

    private final StudioJobs jobs;
    private final ProgressBar bar = new ProgressBar();
    private final Span status = new Span();
    private final Button cancel = new Button(getTranslation("studio.job.cancel"), VaadinIcon.CLOSE_SMALL.create());
    private StudioJobs.Job current;
    private long generation;
    private long started;
    private Runnable pendingEnd;

    JobBar(StudioJobs jobs, String idPrefix) {
        this.jobs = jobs;
        addClassName("job-bar");
        setId(idPrefix + "-job");
        bar.setIndeterminate(true);
        bar.setWidth("260px");
        bar.getElement().setAttribute("aria-label", "Progress");
        status.addClassName("job-status");
        status.setId(idPrefix + "-status");
        cancel.setId(idPrefix + "-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(e -> cancel());
        add(bar, status, cancel);
        idle("");
    }

    boolean isRunning() {
        return current != null && !current.isFinished();
    }

    /** Starts {@code work} (cancelling any running job of this bar); {@code onSuccess} runs on the UI thread. */
    <T> void run(String stage, String patientCode, Function<OperationContext, T> work, Consumer<T> onSuccess) {
        run(stage, patientCode, work, onSuccess, null);
    }

    <T> void run(String stage, String patientCode, Function<OperationContext, T> work, Consumer<T> onSuccess,
            Runnable onEnd) {
        UI ui = UI.getCurrent();
        if (current != null) {
            current.cancel();
        }
        long mine = ++generation;
        pendingEnd = onEnd;
        started = System.nanoTime();
        bar.setVisible(true);
        bar.setIndeterminate(true);
        cancel.setVisible(true);
        cancel.setEnabled(true);
        status.setText(stage + "…");
        getElement().setAttribute("state", "running");
        // the images' mark in the reader's language (read here: the worker thread has no UI)
        String mark = getTranslation("studio.mark.simulated");
        try {
            current = jobs.submit(patientCode, ctx -> work.apply(ctx.markedAs(mark)), new StudioJobs.Listener<T>() {
                @Override
                public void progress(int done, int total, String s) {
                    access(ui, mine, () -> {
                        if (total > 1 || done > 0) {
                            bar.setIndeterminate(false);
                            bar.setValue(total == 0 ? 0 : Math.min(1.0, (double) done / total));
                        }
                        status.setText(stage + "… "
                                + (total > 0 ? getTranslation("studio.job.batches", done, total) : ""));
                    });
                }

                @Override
                public void retrying(int attempt, long delayMs) {
                    access(ui, mine, () -> status.setText(getTranslation("studio.job.busy",
                            UserFormats.number(delayMs / 1000.0, 1, getLocale()), attempt + 1)));
                }

                @Override
                public void succeeded(T result) {
                    access(ui, mine, () -> {
                        double s = (System.nanoTime() - started) / 1e9;
                        idle(getTranslation("studio.job.done", UserFormats.number(s, 1, getLocale())));
                        getElement().setAttribute("state", "done");
                        onSuccess.accept(result);
                        if (onEnd != null) {
                            onEnd.run();
                        }
                    });
                }

                @Override
                public void failed(String message) {
                    access(ui, mine, () -> {
                        idle(message);
                        status.addClassName("job-error");
                        getElement().setAttribute("state", "failed");
                        if (onEnd != null) {
                            onEnd.run();
                        }
                    });
                }

                @Override
                public void cancelled() {
                    access(ui, mine, () -> {
                        idle(getTranslation("studio.job.cancelled"));
                        getElement().setAttribute("state", "cancelled");
                        if (onEnd != null) {
                            onEnd.run();
                        }
                    });
                }
            });
        } catch (UserFacingException e) {
            idle(e.getMessage());
            status.addClassName("job-error");
            getElement().setAttribute("state", "failed");
            if (onEnd != null) {
                onEnd.run();
            }
        }
    }

    /**
     * Cancels at once as far as the screen is concerned: the job is told to stop (it does at the engine's next
     * checkpoint) and whatever it still delivers is dropped.
     */
    void cancel() {
        if (current != null && !current.isFinished()) {
            current.cancel();
            generation++;
            idle(getTranslation("studio.job.cancelled"));
            getElement().setAttribute("state", "cancelled");
            Runnable end = pendingEnd;
            pendingEnd = null;
            if (end != null) {
                end.run();
            }
        }
    }

    private void access(UI ui, long mine, Runnable r) {
        if (ui == null) {
            return;
        }
        try {
            ui.access(() -> {
                if (mine == generation) {
                    r.run();
                }
            });
        } catch (com.vaadin.flow.component.UIDetachedException e) {
            // the screen is gone; nothing to show
        }
    }

    private void idle(String text) {
        bar.setVisible(false);
        cancel.setVisible(false);
        status.removeClassName("job-error");
        status.setText(text);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (current != null) {
            current.cancel();
        }
        super.onDetach(detachEvent);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
    }
}
