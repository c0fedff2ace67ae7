package com.ivpstudio.closeness;

/**
 * The words of one language: a translation key and its parameters to text. Screens pass their component's
 * {@code getTranslation}; services get it from their caller, so they need no Vaadin (translation is UI business).
 */
@FunctionalInterface
public interface Words {

    String get(String key, Object... params);
}
