import { g2pProperties, type NamedProperty } from '@kokoro-kit/core/properties';
import { createEspeakG2P, ESPEAK_LANGUAGES } from './g2p';

const TYPICAL: Record<(typeof ESPEAK_LANGUAGES)[number], string> = {
  es: 'abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉ¿¡0123456789 .,;:!?"«»()—…！？',
  fr: "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœæ'0123456789 .,;:!?«»()—…",
  hi: 'कखगघचछजझटठडढतथदधनपफबभमयरलवशसहािीुूेैोौंँ्।॥०१२ .,?!',
  it: "abcdefghijklmnopqrstuvwxyzàèéìòù'0123456789 .,;:!?«»()—…",
  'pt-BR': 'abcdefghijklmnopqrstuvwxyzãõáéíóúâêôçà0123456789 .,;:!?«»()—…',
};

/**
 * The G2P contract on arbitrary text, each case in one of the five languages (short texts, and
 * the languages share the 1,000 cases: every call is an espeak run of ~30–60 ms).
 */
export function espeakProperties(): NamedProperty[] {
  const g2p = createEspeakG2P();
  return g2pProperties({
    g2p: () => g2p,
    languages: ESPEAK_LANGUAGES,
    typical: Object.values(TYPICAL).join(''),
    maxLength: 12,
  });
}
