package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.CasePhotosChangedEvent;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.PhotoOrientation;
import com.ivpstudio.language.UserFormats;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the chosen photo is unlike the photos the active model was trained on (its out-of-distribution score
 * exceeds the bundle's threshold, or it is turned): the predictions for it are then unreliable; a turned photo is
 * told which way to turn. Follows a photo selection; hidden
 * for ordinary photos and for models without the check. The score is computed off the UI thread (it embeds the
 * photo, which the predictions reuse from the embedding cache).
 */
public class UnfamiliarPhotoWarning extends Div {

    private static final Logger log = LoggerFactory.getLogger(UnfamiliarPhotoWarning.class);

    private final InferenceService inference;
    private final PhotoService photos;
    private final HasValue<?, Photo> selection;
    private final AtomicInteger generation = new AtomicInteger();
    private boolean offersToTurn;

    private UnfamiliarPhotoWarning(InferenceService inference, PhotoService photos, HasValue<?, Photo> selection) {
        this.inference = inference;
        this.photos = photos;
        this.selection = selection;
        setId("unfamiliar-photo");
        addClassName("unfamiliar-photo");
        getElement().setAttribute("role", "alert");
        // the theme's error colours: this is a warning about the predictions, not decoration
        getStyle().set("color", "var(--lumo-error-text-color)").set("background", "var(--lumo-error-color-10pct)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        setVisible(false);
        selection.addValueChangeListener(e -> check());
    }

    /** A warning that checks the photo chosen in {@code selection} now and whenever the choice changes. */
    public static UnfamiliarPhotoWarning following(InferenceService inference, PhotoService photos,
            HasValue<?, Photo> selection) {
        return new UnfamiliarPhotoWarning(inference, photos, selection);
    }

    /**
     * Also offers to turn a turned photo upright in one click (it then replaces the photo): only where the page
     * follows {@link CasePhotosChangedEvent}, so that it shows the turned photo in the old one's place.
     */
    public UnfamiliarPhotoWarning offeringToTurn() {
        offersToTurn = true;
        return this;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        check();
    }

    private void check() {
        Photo photo = selection.getValue();
        int mine = generation.incrementAndGet();
        setVisible(false);
        Optional<UI> ui = getUI();
        if (photo == null || ui.isEmpty()
                || inference.activeBundle().map(b -> !b.checksOutOfDistribution()).orElse(true)) {
            return;
        }
        CompletableFuture.supplyAsync(() -> score(photo)).thenAccept(score -> ui.get().access(() -> {
            if (generation.get() == mine) {
                show(score, photo);
            }
        }));
    }

    private Optional<OodScore> score(Photo photo) {
        try {
            return inference.outOfDistribution(PhotoReferences.of(photos, photo));
        } catch (UserFacingException e) {
            // no model, a model switch or a busy engine: the predictions themselves say so
            log.debug("No out-of-distribution score for photo {}: {}", photo.id(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Button turnButton(Photo photo, PhotoOrientation orientation) {
        Button turn = new Button(getTranslation("ood.warning.turn"), VaadinIcon.ROTATE_RIGHT.create(), e -> {
            UI ui = UI.getCurrent();
            try {
                photos.turnClockwise(photo.id(), orientation.clockwiseQuarterTurnsToUpright());
                Notification.show(getTranslation("ood.warning.turned"), 4000, Notification.Position.BOTTOM_START);
                CasePhotosChangedEvent.fire(ui, photo.caseId());
            } catch (UserFacingException failed) {
                // nothing changed (e.g. the upright photo is already in the case): leave the button usable
                Notification.show(failed.text(this::getTranslation), 6000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
                e.getSource().setEnabled(true);
            }
        });
        turn.setId("turn-photo-upright");
        turn.addThemeVariants(ButtonVariant.LUMO_SMALL);
        turn.setDisableOnClick(true);
        return turn;
    }

    private Div detail(String key, double score, double threshold) {
        Div detail = new Div(getTranslation(key, UserFormats.number(score, 1, getLocale()),
                UserFormats.number(threshold, 1, getLocale())));
        detail.addClassName("hint");
        return detail;
    }

    private void show(Optional<OodScore> score, Photo photo) {
        removeAll();
        if (score.isEmpty() || !score.get().unusual()) {
            setVisible(false);
            return;
        }
        OodScore s = score.get();
        Span text = new Span(getTranslation("ood.warning"));
        text.setId("unfamiliar-photo-text");
        add(VaadinIcon.WARNING.create(), new Span(" "), text);
        if (s.contentUnusual()) {
            add(detail("ood.warning.detail", s.score(), s.threshold()));
        }
        if (s.coloursUnusual()) {
            add(detail("ood.warning.detail.picture", s.pictureScore(), s.pictureThreshold()));
        }
        if (s.turned()) {
            Div turn = new Div(getTranslation("ood.warning.detail.orientation." + s.orientation().name()));
            turn.addClassName("hint");
            turn.setId("unfamiliar-photo-orientation");
            add(turn);
            if (offersToTurn) {
                add(turnButton(photo, s.orientation()));
            }
        }
        getElement().setAttribute("data-score", Double.toString(s.score()));
        getElement().setAttribute("data-picture-score", s.pictureScore() == null ? "" : s.pictureScore().toString());
        getElement().setAttribute("data-orientation", s.orientation() == null ? "" : s.orientation().name());
        setVisible(true);
    }
}
