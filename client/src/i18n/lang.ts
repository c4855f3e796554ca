/** The interface language: picked from the browser, remembered, switched at runtime. */
import { fill, isLang, pickLang, type Lang, type TextParams } from '../../../shared/i18n';
import { STORAGE_KEYS, type KeyValueStore } from '../app/storage-keys';
import { choosePlurals } from './plural';
import { UI_TEXTS, type UiKey } from './ui-texts';

/** The remembered language, else the best match for the browser's list (zh-CN by default). */
export function initialLang(store: KeyValueStore, preferred: readonly string[]): Lang {
  const saved = store.get(STORAGE_KEYS.lang);
  return isLang(saved) ? saved : pickLang(preferred);
}

/** A UI text in a language, its counts' English plurals chosen and its placeholders filled. */
export function uiText(lang: Lang, key: UiKey, params?: TextParams): string {
  const text = UI_TEXTS[lang][key];
  return params ? fill(choosePlurals(text, params), params) : text;
}

/** The current language and a lookup of the UI's own texts in it. */
export class LangStore {
  private listeners = new Set<(lang: Lang) => void>();

  constructor(
    private current: Lang,
    private readonly store: KeyValueStore,
  ) {}

  get lang(): Lang {
    return this.current;
  }

  /** The UI text for a key in the current language, placeholders filled. */
  t(key: UiKey, params?: TextParams): string {
    return uiText(this.current, key, params);
  }

  set(lang: Lang): void {
    if (lang === this.current) return;
    this.current = lang;
    this.store.set(STORAGE_KEYS.lang, lang);
    for (const fn of this.listeners) fn(lang);
  }

  onChange(fn: (lang: Lang) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
