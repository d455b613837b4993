// Junk filters: each reason on a typical example, and ordinary turns (agent transcripts, code, other scripts) left alone.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEAN_CONFIG } from './config';
import { checkGarbage } from './garbage';

const check = (prompt: string, response: string, config = DEFAULT_CLEAN_CONFIG) => checkGarbage(prompt, response, config)?.reason ?? null;

describe('garbage reasons', () => {
  it.each([
    ['empty', '', 'Hello?'],
    ['empty', '   \n ', 'Hello?'],
    ['empty', 'How do I sign in?', ''],
    ['too_long', 'x y '.repeat(20_000), 'ok then'],
    ['control_chars', '\u0007\u0008\u001b[31mERROR\u001b[0m\u0007', 'It looks like a terminal error got pasted.'],
    ['control_chars', 'Total\u0000 due', 'Thanks, noted.'],
    ['mojibake', 'Ã©tÃ© Ã  la plage â€” trÃ¨s bien', 'Thanks for the feedback!'],
    ['mojibake', 'Ð¿Ñ€Ð¸Ð²ÐµÑ‚, Ð¼Ð½Ðµ Ð½ÑƒÐ¶Ð½Ð°', 'Could you write that again?'],
    ['mojibake', 'I donâ€™t understand the bill', 'Let me explain it.'],
    ['mojibake', 'The file says \uFFFD\uFFFD at the start', 'It was saved in another encoding.'],
    ['mojibake', 'broken \uD800 surrogate here', 'Sorry?'],
    ['markup_soup', '<div><div><span></span><br/><br/><div class="x"><p></p></div></div></div>', '<p></p>'],
    ['markup_soup', '<html><body><table><tr><td><td><td></tr></table></body></html>', 'Sorry, I could not read that.'],
    ['repeated_chars', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Can I help you with something?'],
    ['repeated_chars', '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!', '?'],
    ['repeated_chars', 'x'.repeat(3000), 'That message was cut off; could you resend it?'],
    ['repeated_chars', 'lol lol lol lolololololol ooooooooooooooooooooooooooooo', 'Glad you liked it.'],
    ['repeated_words', 'help help help help help help help help help help', 'I am here. What do you need help with?'],
    ['repeated_words', 'Thanks!', 'I am sorry. I am sorry. I am sorry. I am sorry. I am sorry. I am sorry.'],
    ['no_letters', '???', '...'],
    ['no_letters', '¿¡', '—'],
    ['too_short', 'ok', 'k'],
    ['too_short', 'hi', '?'],
  ])('%s: %j', (reason, prompt, response) => {
    expect(check(prompt, response)).toBe(reason);
  });

  it('names the side and says why', () => {
    expect(checkGarbage('How do I sign in?', '', DEFAULT_CLEAN_CONFIG)).toEqual({
      reason: 'empty',
      side: 'response',
      detail: 'response is empty',
    });
    expect(checkGarbage('a'.repeat(30), 'fine answer', DEFAULT_CLEAN_CONFIG)).toMatchObject({
      reason: 'repeated_chars',
      side: 'prompt',
      detail: 'a run of 30 identical characters',
    });
  });

  it('thresholds are configurable', () => {
    expect(check('ok', 'k', { ...DEFAULT_CLEAN_CONFIG, minChars: 2 })).toBeNull();
    expect(check('Hello there', 'x'.repeat(500), { ...DEFAULT_CLEAN_CONFIG, maxChars: 400 })).toBe('too_long');
    expect(check('aaaaaaaaaa', 'fine answer', { ...DEFAULT_CLEAN_CONFIG, maxCharRun: 8 })).toBe('repeated_chars');
    expect(check('I donâ€™t understand', 'Let me explain.', { ...DEFAULT_CLEAN_CONFIG, maxMojibake: 1 })).toBeNull();
  });
});

describe('ordinary turns pass', () => {
  it.each([
    ['What is 42+28?', '<call:calculator>42+28</call><result>70</result><answer>70</answer>'],
    ['12*3=?', '36'],
    ['2+2', '4'],
    ['How do I center a <div> inside <body>?', 'Use display: flex on the parent with justify-content: center.'],
    ['Fix this: <div><span>Hi</span></div>', 'Close the span before the div: it already is; the markup is fine.'],
    ['Print a line', 'console.log("-".repeat(40)) prints ----------------------------------------'],
    ['Qu’est-ce que l’été à Paris ?', 'C’est très agréable, il fait chaud.'],
    ['Wie lang ist der Fuß„ und wie breit?', 'Etwa 30 cm lang.'],
    ['Привет, мне нужна помощь', 'Конечно, чем могу помочь?'],
    ['東京の天気は？', '晴れです。'],
    ['Rate this 👍👍', 'Thanks 😊'],
    ['Is it very very very good?', 'Yes, it is good.'],
    ['hi there', 'hello!'],
  ])('%j', (prompt, response) => {
    expect(checkGarbage(prompt, response, DEFAULT_CLEAN_CONFIG)).toBeNull();
  });
});

describe('repeated words detail', () => {
  it('names the repeated word and counts distinct words', () => {
    expect(checkGarbage('help help help help help help', 'Yes?', DEFAULT_CLEAN_CONFIG)?.detail).toBe('"help" 5× in a row');
    expect(checkGarbage('Why?', 'I am sorry. I am sorry. I am sorry. I am sorry.', DEFAULT_CLEAN_CONFIG)?.detail).toBe(
      '3 distinct words in 12',
    );
  });
});
