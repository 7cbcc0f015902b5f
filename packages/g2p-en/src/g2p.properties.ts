import { g2pProperties, type NamedProperty } from '@kokoro-kit/core/properties';
import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import fc from 'fast-check';
import { createEnglishG2P } from './g2p';
import { parseMarkup } from './markup';
import { loadMisakiLexicon } from './node';

const TYPICAL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?\'"-()$%&/[]#+“”’—…';

/** The G2P contract on arbitrary text, for en-US and en-GB. */
export function englishProperties(): NamedProperty[] {
  const lexicons = (async () => ({
    'en-US': await loadMisakiLexicon(misakiLexiconDir, 'en-US'),
    'en-GB': await loadMisakiLexicon(misakiLexiconDir, 'en-GB'),
  }))();
  const g2p = async () => createEnglishG2P({ lexicons: await lexicons });
  return g2pProperties({ g2p, languages: ['en-US', 'en-GB'], typical: TYPICAL });
}

/** Removes what markup syntax may remove: `[` and `](…)`. */
const withoutSyntax = (text: string) => text.replace(/\]\([^)]*\)/g, '').replaceAll('[', '');

/** misaki's `[text](feature)` markup: nothing but the syntax disappears, spans point into the text. */
export function markupProperties(): NamedProperty[] {
  const markupText = fc
    .array(
      fc.oneof(
        fc.constantFrom('[', ']', '(', ')', '/', '#', '+', '-', '1', '0.5', 'a', 'word', ' ', 'ˈ', 'ə'),
        fc.string({ unit: 'binary', maxLength: 2 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  return [
    {
      name: 'parseMarkup: only [ and ](…) disappear; spans lie inside the text',
      property: fc.property(markupText, (input) => {
        const { text, spans } = parseMarkup(input);
        if (withoutSyntax(text) !== withoutSyntax(input))
          throw new Error(`${JSON.stringify(input)} → ${JSON.stringify(text)}`);
        for (const span of spans)
          if (span.start < 0 || span.end > text.length || span.start >= span.end)
            throw new Error(`span ${span.start}–${span.end} outside ${JSON.stringify(text)}`);
      }),
    },
  ];
}
