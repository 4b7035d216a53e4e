import { acceptedTemplateIds } from '../../src/platform/subscribe-result';

describe('the templates a subscription prompt granted', () => {
  it('keeps only the accepted ones of those asked', () => {
    const answer = { errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'ban', d: 'accept' };
    expect(acceptedTemplateIds(answer, ['a', 'b', 'c'])).toEqual(['a']);
  });

  it('grants nothing when the answer names none of them (filtered, or an old client)', () => {
    expect(acceptedTemplateIds({ errMsg: 'requestSubscribeMessage:ok', a: 'filter' }, ['a', 'b'])).toEqual([]);
  });
});
