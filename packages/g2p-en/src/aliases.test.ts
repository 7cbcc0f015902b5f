import { misakiLexiconDir } from '@kokoro-kit/test-assets';
import { expect, it } from 'vitest';
import { createEnglishG2P } from './g2p';
import { loadMisakiLexicon } from './node';

// Found by `pnpm fuzz` (seed 427298672): splitting "a2'a" at the `2` alias rebuilt each piece's
// text from its subtokens, which leave the apostrophe out, so the tokens lost it.
it("the 2 → 'to' alias keeps every character of the text (a2'a)", async () => {
  const g2p = createEnglishG2P({ lexicons: { 'en-US': await loadMisakiLexicon(misakiLexiconDir, 'en-US') } });
  for (const text of ["a2'a", "we2'll go", 'a2b2c']) {
    const tokens = await g2p.phonemize(text, { language: 'en-US' });
    expect(tokens.map((t) => t.text + t.whitespace).join('')).toBe(text);
  }
});
