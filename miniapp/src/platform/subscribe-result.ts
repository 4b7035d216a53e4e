/**
 * The templates accepted in a `requestSubscribeMessage` answer: it maps each asked template id to
 * 'accept', 'reject', 'ban' or 'filter' (besides errMsg); only 'accept' grants a message.
 */
export function acceptedTemplateIds(answer: Record<string, unknown>, asked: readonly string[]): string[] {
  return asked.filter((id) => answer[id] === 'accept');
}
