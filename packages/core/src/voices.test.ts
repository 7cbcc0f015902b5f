import { describe, expect, it } from 'vitest';
import { describeVoice } from './voices';

describe('describeVoice', () => {
  it('reads language and gender from Kokoro voice names', () => {
    expect(describeVoice('af_heart')).toEqual({ name: 'af_heart', language: 'en-US', gender: 'female' });
    expect(describeVoice('bm_george')).toEqual({ name: 'bm_george', language: 'en-GB', gender: 'male' });
    expect(describeVoice('zf_xiaoxiao')).toEqual({ name: 'zf_xiaoxiao', language: 'zh', gender: 'female' });
    expect(describeVoice('pm_alex').language).toBe('pt-BR');
  });

  it('says nothing about names outside the convention', () => {
    expect(describeVoice('my-voice')).toEqual({ name: 'my-voice' });
    expect(describeVoice('xf_new')).toEqual({ name: 'xf_new', gender: 'female' });
  });
});
