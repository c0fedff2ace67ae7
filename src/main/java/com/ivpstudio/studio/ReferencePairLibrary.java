package com.ivpstudio.studio;

import com.ivpstudio.common.UserFacingException;
import java.util.List;
import org.springframework.stereotype.Service;

/** The library of before/after reference pairs offered by the nudge studio. */
@Service
public class ReferencePairLibrary {

    private final ReferencePairRepository pairs;

    ReferencePairLibrary(ReferencePairRepository pairs) {
        this.pairs = pairs;
    }

    public List<ReferencePair> all() {
        return pairs.findAll();
    }

    public boolean isEmpty() {
        return pairs.count() == 0;
    }

    /** Adds a pair; images must already be sanitised (metadata-free PNG/JPEG) with their sha256. */
    public long add(String name, String description, byte[] before, String beforeSha, byte[] after, String afterSha) {
        return pairs.insert(name, description, before, beforeSha, after, afterSha);
    }

    public byte[] beforeImage(long id) {
        return pairs.image(id, false).orElseThrow(() -> new UserFacingException("This reference pair does not exist."));
    }

    public byte[] afterImage(long id) {
        return pairs.image(id, true).orElseThrow(() -> new UserFacingException("This reference pair does not exist."));
    }
}
