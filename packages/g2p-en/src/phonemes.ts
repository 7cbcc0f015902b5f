/**
 * misaki's phoneme classes and stress rules (spec g2p.md §3.1, §3.6, §3.8; `misaki/en.py`).
 */

export const PRIMARY_STRESS = 'ˈ';
export const SECONDARY_STRESS = 'ˌ';

/** Vowels for stress placement and right context (US and GB together). */
export const VOWELS: ReadonlySet<string> = new Set('AIOQWYaiuæɑɒɔəɛɜɪʊʌᵻ');
/** Consonants for right context. */
export const CONSONANTS: ReadonlySet<string> = new Set('bdfhjklmnpstvwzðŋɡɹɾʃʒʤʧθ');
/** Punctuation misaki keeps in its output (PUNCTS). */
export const PUNCTS: ReadonlySet<string> = new Set(';:,.!?—…"“”');
/** PUNCTS without the quotes: these end a phrase for the right-context rules. */
export const NON_QUOTE_PUNCTS: ReadonlySet<string> = new Set(';:,.!?—…');
/** Characters a subtoken may consist of and still be silent ("junk"). */
export const SUBTOKEN_JUNKS: ReadonlySet<string> = new Set("',-._‘’/");
/** Symbols that count double in compound-stress weights. */
const DIPHTHONGS: ReadonlySet<string> = new Set('AIOQWYʤʧ');

/**
 * misaki's `apply_stress(ps, s)`: demote, promote, strip or add stress marks.
 * `null` leaves the phonemes unchanged. Rows are tried top to bottom, as in the spec table.
 */
export function applyStress(phonemes: string, stress: number | null): string {
  if (stress === null) return phonemes;
  const hasPrimary = phonemes.includes(PRIMARY_STRESS);
  const hasSecondary = phonemes.includes(SECONDARY_STRESS);
  if (stress < -1) return phonemes.replaceAll(PRIMARY_STRESS, '').replaceAll(SECONDARY_STRESS, '');
  if (stress === -1 || ((stress === 0 || stress === -0.5) && hasPrimary)) {
    return phonemes.replaceAll(SECONDARY_STRESS, '').replaceAll(PRIMARY_STRESS, SECONDARY_STRESS);
  }
  if ((stress === 0 || stress === 0.5 || stress === 1) && !hasPrimary && !hasSecondary) {
    return insertBeforeFirstVowel(phonemes, SECONDARY_STRESS);
  }
  if (stress >= 1 && !hasPrimary && hasSecondary)
    return phonemes.replaceAll(SECONDARY_STRESS, PRIMARY_STRESS);
  if (stress > 1 && !hasPrimary && !hasSecondary) return insertBeforeFirstVowel(phonemes, PRIMARY_STRESS);
  return phonemes;
}

/** misaki prepends the mark and moves it just before the next vowel; unchanged if no vowel. */
function insertBeforeFirstVowel(phonemes: string, mark: string): string {
  let index = 0;
  for (const char of phonemes) {
    if (VOWELS.has(char)) return phonemes.slice(0, index) + mark + phonemes.slice(index);
    index += char.length;
  }
  return phonemes;
}

/** Weight of a part in the compound-stress rule: characters, diphthongs and affricates count 2. */
export function stressWeight(phonemes: string): number {
  let weight = 0;
  for (const char of phonemes) weight += DIPHTHONGS.has(char) ? 2 : 1;
  return weight;
}

/**
 * The Kokoro v1.0 rewrite misaki applies to every token as its last step (version unset):
 * flap `ɾ` → `T`, glottal stop `ʔ` → `t` (spec g2p.md §0 item 2, §3.3 step 7).
 */
export function toKokoroV1(phonemes: string): string {
  return phonemes.replaceAll('ɾ', 'T').replaceAll('ʔ', 't');
}
