// Cold start and throughput of the espeak engine in Node (run: pnpm bench:speed).
// Figures depend on the machine; run it alone on an idle machine.
import {
  createEspeakEngine,
  createEspeakEnglishFallback,
  createEspeakG2P,
  getEspeakEngine,
  getEspeakEngineCreationCount,
} from '../dist/index.js';

const SENTENCES = {
  es: 'El niño comió paella con sus amigos, y después fueron al parque a jugar.',
  'fr-fr': 'Les enfants sont arrivés à la maison, et ils ont mangé du pain avec plaisir.',
  hi: 'भारत एक बहुत बड़ा देश है, और यहाँ बहुत सारी भाषाएँ बोली जाती हैं।',
  it: 'Oggi fa caldo, quindi andiamo al mare con i nostri amici di Milano.',
  'pt-br': 'Eu moro no Brasil há muitos anos, e gosto muito da comida daqui.',
};
const ms = (t) => `${t.toFixed(1)} ms`;

let t = performance.now();
const engine = await getEspeakEngine();
const engineMs = performance.now() - t;
console.log(
  `cold start: engine (compile + instantiate 18.5 MB wasm)  ${ms(engineMs)}  (engine.startupMs ${ms(engine.startupMs)})`,
);

const g2p = createEspeakG2P();
t = performance.now();
await g2p.phonemize('hola', { language: 'es' });
console.log(`first phonemize call after start-up                        ${ms(performance.now() - t)}`);
t = performance.now();
await getEspeakEngine();
console.log(`getEspeakEngine() again (shared, already started)          ${ms(performance.now() - t)}`);

for (const [language, sentence] of Object.entries(SENTENCES)) {
  const n = 40;
  t = performance.now();
  for (let i = 0; i < n; i++) await g2p.phonemize(sentence, { language });
  const elapsed = performance.now() - t;
  console.log(
    `${language.padEnd(6)} ${(elapsed / n).toFixed(1)} ms per sentence (${sentence.length} chars), ` +
      `${((n * sentence.length) / (elapsed / 1000)).toFixed(0)} chars/s`,
  );
}

// The pipeline hands the G2P chunks of up to ~400 characters (spec kokoro.md §9.2): one espeak run each.
const paragraph = `${SENTENCES.es} `.repeat(5).trim();
{
  const n = 20;
  t = performance.now();
  for (let i = 0; i < n; i++) await g2p.phonemize(paragraph, { language: 'es' });
  const elapsed = performance.now() - t;
  console.log(
    `es     ${(elapsed / n).toFixed(1)} ms per ${paragraph.length}-char chunk, ` +
      `${((n * paragraph.length) / (elapsed / 1000)).toFixed(0)} chars/s`,
  );
}

const fallback = createEspeakEnglishFallback({ cacheSize: 0 });
const words = ['outofdictionary', 'kubernetes', 'frobnicate', 'zyxwords', 'bottleneckish', 'merchantship'];
t = performance.now();
const rounds = 10;
for (let r = 0; r < rounds; r++)
  for (const word of words) await fallback.phonemizeWord(word, { language: 'en-US' });
console.log(
  `en fallback: ${((performance.now() - t) / (rounds * words.length)).toFixed(1)} ms per word (uncached)`,
);

console.log(
  `engines created in this process: ${getEspeakEngineCreationCount()}; espeak runs: ${engine.runs}`,
);
t = performance.now();
const fresh = await createEspeakEngine();
console.log(`for comparison, a second private engine costs              ${ms(performance.now() - t)}`);
fresh.dispose();
