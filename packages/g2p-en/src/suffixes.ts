/**
 * misaki's suffix phonology (`_s`, `_ed`, `_ing`, spec g2p.md §3.7 step 8): how `-s`, `-ed` and
 * `-ing` sound after a stem's phonemes. Used by the suffix rules and by numbers ("1980s").
 */

/** US vowels (and ɹ) before which a final `t` flaps (misaki US_TAUS). */
const US_TAUS: ReadonlySet<string> = new Set('AIOWYiuæɑəɛɪɹʊʌ');

/** `-s`: voiceless stem → s, sibilant → ᵻz (GB ɪz), otherwise z. */
export function suffixS(stem: string | null, british: boolean): string | null {
  if (!stem) return null;
  const last = stem.at(-1) as string;
  if ('ptkfθ'.includes(last)) return `${stem}s`;
  if ('szʃʒʧʤ'.includes(last)) return `${stem}${british ? 'ɪ' : 'ᵻ'}z`;
  return `${stem}z`;
}

/** `-ed`: voiceless stem → t, d → ᵻd (GB ɪd), t → ɪd (GB), ɾᵻd after a US tau vowel, ᵻd. */
export function suffixEd(stem: string | null, british: boolean): string | null {
  if (!stem) return null;
  const last = stem.at(-1) as string;
  if ('pkfθʃsʧ'.includes(last)) return `${stem}t`;
  if (last === 'd') return `${stem}${british ? 'ɪ' : 'ᵻ'}d`;
  if (last !== 't') return `${stem}d`;
  if (british || stem.length < 2) return `${stem}ɪd`;
  if (US_TAUS.has(stem.at(-2) as string)) return `${stem.slice(0, -1)}ɾᵻd`;
  return `${stem}ᵻd`;
}

/** `-ing`: ɪŋ; US flaps a final t after a tau vowel; GB gives up after ə or ː (misaki's TODO). */
export function suffixIng(stem: string | null, british: boolean): string | null {
  if (!stem) return null;
  const last = stem.at(-1) as string;
  if (british) {
    if (last === 'ə' || last === 'ː') return null;
  } else if (stem.length > 1 && last === 't' && US_TAUS.has(stem.at(-2) as string)) {
    return `${stem.slice(0, -1)}ɾɪŋ`;
  }
  return `${stem}ɪŋ`;
}
