/** The platform's own dialler and map, the same calls on every mini-program. */
export { miniProgramContact as platformContact } from './contact-mini';
