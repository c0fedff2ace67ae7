package com.ivpstudio.sharing;

import java.util.List;
import java.util.Optional;

/** Everything one link shows, in the clinician's order; {@code images} is indexed by {@link SharedImage#index()}. */
public record SharedContent(List<SharedSection> sections, List<SharedImage> images) {

    public Optional<SharedImage> image(int index) {
        return index >= 0 && index < images.size() ? Optional.of(images.get(index)) : Optional.empty();
    }

    long bytes() {
        return images.stream().mapToLong(i -> i.bytes().length).sum();
    }
}
