/** The words for an error answer: the server writes its messages in the player's language already. */
import type { ErrorPayload } from '../../../shared/protocol/events';
import type { LangStore } from '../i18n/lang';
import { NETWORK_ERROR } from '../net/game-client';

export function errorMessage(lang: LangStore, e: ErrorPayload): string {
  if (e.code === NETWORK_ERROR || e.message.trim() === '') return lang.t('networkError');
  return e.message;
}
